using System.Text.Json;
using CertyoOdoo.Web.Tenants;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Probes of a tenant's peers, one attempt each, no retries (a probe must answer fast):
/// Odoo's unauthenticated version call, and Certyo's cheapest authenticated call.
/// </summary>
internal sealed class HealthPeerChecks(IHttpClientFactory http, IOptionsMonitor<TenantsOptions> tenants)
{
    public const string HttpClientName = "CertyoOdoo.Health";

    /// <summary><c>GET /web/version</c> (Odoo 19+), else <c>common.version</c> over JSON-RPC; no authentication needed.</summary>
    public async Task<HealthCheckResult> OdooAsync(string tenant, CancellationToken cancellationToken)
    {
        var odoo = Find(tenant).Odoo;
        if (odoo.Url is null)
        {
            return HealthCheckResult.Unhealthy("No Odoo URL configured.");
        }

        using var client = http.CreateClient(HttpClientName);
        // GET /web/version (19+) logs nothing on the server; older series lack it (404), and on 19+ every
        // JSON-RPC call logs a deprecation warning, so JSON-RPC's common.version is the fallback only.
        var protocol = odoo.Protocol.Trim().ToLowerInvariant();
        var version = protocol is "xmlrpc" or "jsonrpc" ? null : await client.GetAsync(new Uri(odoo.Url, "web/version"), cancellationToken);
        var json2 = version is { IsSuccessStatusCode: true } && version.Content.Headers.ContentType?.MediaType == "application/json";
        if (!json2)
        {
            version?.Dispose();
        }

        using var answer = json2 && version is not null ? version : await client.PostAsJsonAsync(new Uri(odoo.Url, "jsonrpc"), new
        {
            jsonrpc = "2.0",
            method = "call",
            @params = new { service = "common", method = "version", args = Array.Empty<object>() },
            id = 1,
        }, cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            return HealthCheckResult.Unhealthy($"Odoo answered HTTP {(int)answer.StatusCode}.");
        }

        using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = body.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            var message = error.TryGetProperty("message", out var m) ? m.GetString() : "error";
            return HealthCheckResult.Unhealthy($"Odoo answered an error: {message}.");
        }

        var result = json2 ? root : root.GetProperty("result");
        var server = result.TryGetProperty("server_version", out var v) ? v.GetString()
            : result.TryGetProperty("version", out var v2) ? v2.GetString() : null;
        return HealthCheckResult.Healthy($"Odoo {server ?? "(version unknown)"}", new Dictionary<string, object>
        {
            ["url"] = odoo.Url.GetLeftPart(UriPartial.Authority),
            ["version"] = server ?? "",
        });
    }

    /// <summary>A one-row query, which also proves the API key is accepted.</summary>
    public async Task<HealthCheckResult> CertyoAsync(string tenant, CancellationToken cancellationToken)
    {
        var certyo = Find(tenant).Certyo;
        if (certyo.BaseUrl is null)
        {
            return HealthCheckResult.Unhealthy("No Certyo base URL configured.");
        }

        using var client = http.CreateClient(HttpClientName);
        var baseUrl = certyo.BaseUrl.AbsoluteUri.EndsWith('/') ? certyo.BaseUrl : new Uri(certyo.BaseUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"api/v1/records?tenantId={Uri.EscapeDataString(certyo.TenantId)}&limit=1"));
        request.Headers.Add("X-API-Key", certyo.ApiKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var data = new Dictionary<string, object> { ["url"] = baseUrl.GetLeftPart(UriPartial.Authority) };
        return (int)response.StatusCode switch
        {
            >= 200 and < 300 => HealthCheckResult.Healthy("Certyo answered.", data),
            401 or 403 => HealthCheckResult.Unhealthy($"Certyo refused the API key (HTTP {(int)response.StatusCode}).", data: data),
            var status => HealthCheckResult.Unhealthy($"Certyo answered HTTP {status}.", data: data),
        };
    }

    private TenantOptions Find(string tenant) =>
        tenants.CurrentValue.Tenants.TryGetValue(tenant, out var options) ? options : throw new ArgumentException($"Unknown tenant '{tenant}'.", nameof(tenant));
}
