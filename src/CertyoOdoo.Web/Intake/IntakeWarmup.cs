using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace CertyoOdoo.Web.Intake;

/// <summary>
/// Before the server listens, sends two notifications (native with <c>?token=</c>, module-signed) through
/// the app's whole request pipeline in-process: routing, binding, body, authentication, parsing, the inbox's
/// group writer and its database connection, the 202's JSON. A fresh process otherwise spends about 75 ms
/// of JIT and connection set-up on Odoo's first webhook while the next ones queue behind it. The warm-up
/// requests are marked with <see cref="IntakeWarmupFeature"/> and record nothing.
/// </summary>
internal sealed partial class IntakeWarmup(TenantRegistry tenants, TimeProvider time, ILogger<IntakeWarmup> logger)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The warm-up requests' statuses (202 each when the intake works), empty when none ran.</summary>
    public IReadOnlyList<int> Statuses { get; private set; } = [];

    public async Task RunAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        var target = tenants.Names
            .Select(name => (Name: name, Options: tenants.Get(name)))
            .FirstOrDefault(t => t.Options.Webhook.Secret.Length > 0 && t.Options.EnabledModels().Count > 0);
        if (target.Name is null)
        {
            return; // polling only: no webhook to warm
        }

        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var model = target.Options.EnabledModels().Keys.First();
        var secret = target.Options.Webhook.Secret;
        var statuses = new List<int>();
        try
        {
            var native = Encoding.UTF8.GetBytes(new JsonObject { ["_action"] = "warm-up", ["_id"] = 1, ["_model"] = model, ["id"] = 1 }.ToJsonString());
            statuses.Add(await SendAsync(application, target.Name, $"?token={Uri.EscapeDataString(secret)}", native, [], timeout.Token));

            var module = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["db"] = target.Options.Odoo.Database, ["model"] = model, ["ids"] = new JsonArray(1), ["event"] = "warm-up",
            }.ToJsonString());
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            statuses.Add(await SendAsync(application, target.Name, "", module,
                [(WebhookAuthenticator.TimestampHeader, timestamp), (WebhookAuthenticator.SignatureHeader, WebhookAuthenticator.SignatureFor(secret, timestamp, module))],
                timeout.Token));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Never a reason not to start: the first real webhook is then merely slower.
            LogFailed(logger, ex.GetType().Name, ex.Message);
        }

        Statuses = statuses;
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        var answered = string.Join(", ", statuses);
        LogDone(logger, answered, elapsed);
    }

    private static async Task<int> SendAsync<TContext>(
        IHttpApplication<TContext> application, string tenant, string query, byte[] body, (string Name, string Value)[] headers, CancellationToken cancellationToken)
        where TContext : notnull
    {
        var request = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = HttpMethods.Post,
            Path = $"/webhooks/odoo/{Uri.EscapeDataString(tenant)}",
            QueryString = query,
            Body = new MemoryStream(body),
        };
        request.Headers.ContentType = "application/json";
        request.Headers.ContentLength = body.Length;
        request.Headers.Host = "localhost";
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var response = new HttpResponseFeature();
        using var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set(new IntakeWarmupFeature());

        var context = application.CreateContext(features);
        // Not a request anyone made: kept out of http.server.request.duration (hosting adds the feature in CreateContext).
        features.Get<IHttpMetricsTagsFeature>()?.MetricsDisabled = true;
        try
        {
            await application.ProcessRequestAsync(context);
            application.DisposeContext(context, null);
        }
        catch (Exception ex)
        {
            application.DisposeContext(context, ex);
            throw;
        }

        return response.StatusCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook intake warmed up before listening (statuses {Statuses}) in {Milliseconds:0} ms")]
    private static partial void LogDone(ILogger logger, string statuses, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook intake warm-up failed ({Kind}: {Error}); starting anyway")]
    private static partial void LogFailed(ILogger logger, string kind, string error);
}

/// <summary>Marks a warm-up request: the webhook answers it as any other and records nothing.</summary>
internal sealed class IntakeWarmupFeature;
