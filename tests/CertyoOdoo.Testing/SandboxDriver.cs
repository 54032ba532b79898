using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Certyo;

namespace CertyoOdoo.Testing;

/// <summary>
/// Drives a running sandbox as a user and an auditor would: finds ready pickings, validates them in the
/// simulated Odoo (with the notifications Odoo sends), and reads back Odoo's fields and Certyo's counts.
/// Retries what the sandbox's injected faults make fail, so fault-on runs measure the service, not this.
/// </summary>
public sealed class SandboxDriver(HttpClient http, string database = "demo", int uid = 2, string apiKey = "admin")
{
    private const int Attempts = 30;

    /// <summary>Ids of the pickings in state assigned (Ready), in id order.</summary>
    public async Task<int[]> ReadyPickingIdsAsync(CancellationToken cancellationToken)
    {
        var result = await ExecuteKwAsync("stock.picking", "search", new JsonArray(Domain(("state", "=", "assigned"))), cancellationToken);
        return [.. result!.AsArray().Select(n => n!.GetValue<int>()).Order()];
    }

    /// <summary>Validates a picking as button_validate does; true when it is done, false when Odoo refused for good.</summary>
    public async Task<bool> ValidatePickingAsync(int id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsync(new Uri($"sandbox/odoo/pickings/{id}/validate", UriKind.Relative), null, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            // 409: a serialization failure (rolled back, as Odoo would retry); 5xx: an injected fault.
            var transient = response.StatusCode is HttpStatusCode.Conflict || (int)response.StatusCode >= 500;
            if (!transient || attempt == Attempts)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
        }
    }

    /// <summary>How many records of <paramref name="model"/> have <paramref name="field"/> = <paramref name="value"/>.</summary>
    public async Task<int> CountAsync(string model, string field, string value, CancellationToken cancellationToken)
    {
        var result = await ExecuteKwAsync(model, "search_count", new JsonArray(Domain((field, "=", value))), cancellationToken);
        return result!.GetValue<int>();
    }

    /// <summary>The Certyo sandbox's counts for one tenant (GET /sandbox/certyo/stats).</summary>
    public async Task<SandboxStats> CertyoStatsAsync(string tenantId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stats = await http.GetFromJsonAsync<SandboxStats>(
                    new Uri($"sandbox/certyo/stats?tenantId={Uri.EscapeDataString(tenantId)}", UriKind.Relative), cancellationToken);
                return stats!;
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>An execute_kw call over JSON-RPC; retried on transport errors and injected failures.</summary>
    public async Task<JsonNode?> ExecuteKwAsync(string model, string method, JsonArray args, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = 1,
            ["params"] = new JsonObject
            {
                ["service"] = "object",
                ["method"] = "execute_kw",
                ["args"] = new JsonArray(database, uid, apiKey, model, method, args, new JsonObject()),
            },
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri("jsonrpc", UriKind.Relative), body.DeepClone(), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
                    if (answer!["error"] is null)
                    {
                        return answer["result"];
                    }

                    if (attempt == Attempts)
                    {
                        throw new InvalidOperationException($"{model}.{method}: {answer["error"]!.ToJsonString()}");
                    }
                }
                else if (attempt == Attempts)
                {
                    throw new HttpRequestException($"{model}.{method}: HTTP {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                // Dropped or refused: try again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
        }
    }

    private static JsonArray Domain(params (string Field, string Op, string Value)[] leaves) =>
        new([.. leaves.Select(l => (JsonNode)new JsonArray(l.Field, l.Op, l.Value))]);
}
