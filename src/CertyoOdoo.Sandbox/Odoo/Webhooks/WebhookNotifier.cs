using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Store;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo.Webhooks;

/// <summary>
/// Sends what a real Odoo sends when records reach done. Native (17+): the "Send Webhook
/// Notification" server action, 4 posts per record with intermediate values on 17, one stale post on
/// 18/19, inside the transaction on 17/18 and after commit on 19. Module: one signed post per
/// transaction and model, after commit. Failures are logged, never raised.
/// </summary>
internal sealed partial class WebhookNotifier(
    IHttpClientFactory httpClients,
    IOptions<OdooSimulatorOptions> options,
    SimulatorRandom random,
    TimeProvider time,
    ILogger<WebhookNotifier> logger)
{
    public const string HttpClientName = "odoo-simulator-webhooks";

    private OdooWebhookOptions Settings => options.Value.Webhooks;

    private int Version => options.Value.Version;

    /// <summary>17/18 native posts, then maybe the rollback (which leaves the records as they were).</summary>
    public async Task BeforeCommitAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        if (Settings is { Url: not null, Style: OdooWebhookStyle.Native } && Version is 17 or 18)
        {
            foreach (var done in transaction.Done)
            {
                // 17 wrote state several times during validation: two posts with the old date, two with the new.
                var bodies = Version == 17 ? new[] { true, true, false, false } : [true];
                foreach (var stale in bodies)
                {
                    await PostNativeAsync(transaction, done, stale, cancellationToken);
                }
            }
        }

        if (Settings.RollbackRate > 0 && random.NextDouble() < Settings.RollbackRate)
        {
            LogRolledBack(logger, transaction.Done.Count);
            throw new OdooError(OdooError.SerializationFailureType, "could not serialize access due to concurrent update");
        }
    }

    public async Task AfterCommitAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        if (Settings.Url is null)
        {
            return;
        }

        if (Settings.Style == OdooWebhookStyle.Native && Version >= 19)
        {
            foreach (var done in transaction.Done)
            {
                await PostNativeAsync(transaction, done, stale: true, cancellationToken);
            }
        }
        else if (Settings.Style == OdooWebhookStyle.Module)
        {
            // The module sends one notification per model, in chunks of at most 1000 ids.
            foreach (var group in transaction.Done.GroupBy(d => d.Model))
            {
                foreach (var chunk in group.Select(d => d.Id).Distinct().Order().Chunk(1000))
                {
                    await PostModuleAsync(group.Key, [.. chunk], cancellationToken);
                }
            }
        }
    }

    private async Task PostNativeAsync(Transaction transaction, DoneTransition done, bool stale, CancellationToken cancellationToken)
    {
        var schema = transaction.Store.Table(done.Model).Schema;
        var dateField = done.Model == "mrp.production" ? "date_finished" : "date_done";
        var fields = Settings.Fields.Count > 0 ? Settings.Fields : ["name", "origin", "state", dateField];
        var body = new JsonObject
        {
            ["_action"] = ActionName(done.Model),
            ["_id"] = done.Id,
            ["_model"] = done.Model,
            ["id"] = done.Id,
        };
        foreach (var field in fields.Where(schema.Has))
        {
            var value = stale && field == dateField ? done.OldDoneDate : transaction.Get(done.Model, done.Id, field);
            body[field] = ToPython(value);
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(PyJson.Dumps(body, sortKeys: true)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await SendAsync(content, TimeSpan.FromSeconds(1), cancellationToken);
    }

    private async Task PostModuleAsync(string model, List<int> ids, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var body = PyJson.Dumps(new JsonObject
        {
            ["db"] = options.Value.Database,
            ["model"] = model,
            ["ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]),
            ["event"] = "done",
            ["sent_at"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }, compact: true);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Settings.Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("X-Certyo-Timestamp", timestamp);
        content.Headers.Add("X-Certyo-Signature", $"sha256={signature}");
        await SendAsync(content, TimeSpan.FromSeconds(2), cancellationToken);
    }

    private async Task SendAsync(HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Url) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", "python-requests/2.28.1");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(logger, (int)response.StatusCode);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            // Odoo logs a warning and carries on: a notification never fails the user's validation.
            LogFailed(logger, exception.GetType().Name);
        }
    }

    private string ActionName(string model)
    {
        var offset = model == "mrp.production" ? 1 : 0;
        return Version switch
        {
            17 => $"Send Webhook Notification(#{338 + offset})",
            18 => $"Send Webhook Notification(#{361 + offset})",
            _ => $"Notify Certyo(#{362 + offset})",
        };
    }

    /// <summary>read(load=None) values through json.dumps(default=str): ids, str(datetime), false for empty.</summary>
    private static JsonNode? ToPython(object? value) => value switch
    {
        null => false,
        DateTime dt => OdooValues.PythonString(dt),
        string s => s,
        int id => id,
        long l => l,
        double d => d,
        bool b => b,
        IEnumerable<int> ids => new JsonArray([.. ids.Select(i => (JsonNode)i)]),
        _ => value.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odoo simulator: webhook call failed ({Error}); the validation goes on, as in Odoo")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odoo simulator: webhook answered HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Odoo simulator: rolled back a validation of {Count} record(s) after its notifications (RollbackRate)")]
    private static partial void LogRolledBack(ILogger logger, int count);
}
