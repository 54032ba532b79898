using System.Net;
using CertyoOdoo.Web.Tests.Endpoints;

namespace CertyoOdoo.Web.Tests.Hosting;

[Collection(OpsGroup.Name)]
public sealed class HealthTests(OpsApp app)
{
    [Fact]
    public async Task Live_answers_healthy_with_no_checks()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Empty(body["checks"]!.AsArray());
    }

    [Fact]
    public async Task Ready_lists_storage_and_each_tenants_peers()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        // A tenant whose Odoo is down degrades the service but leaves it ready: notifications are still recorded.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Degraded", body["status"]!.GetValue<string>());
        var checks = body["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal(["certyo:acme", "certyo:down", "certyo:sim", "hangfire", "ledger", "odoo:acme", "odoo:down", "odoo:sim"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Healthy", checks["ledger"]["status"]!.GetValue<string>());
        Assert.Equal("Healthy", checks["hangfire"]["status"]!.GetValue<string>());
        Assert.Equal("Degraded", checks["odoo:down"]["status"]!.GetValue<string>());
        Assert.Equal("Degraded", checks["certyo:down"]["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(checks["odoo:down"]["description"]?.GetValue<string>()));
        Assert.All(checks.Values, c => Assert.True(c["durationMs"]!.GetValue<double>() >= 0));
        Assert.DoesNotContain("sandbox-key", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_peers_answer_the_probes()
    {
        using var client = app.CreateClient();
        var body = await client.GetJsonAsync("/health/ready");
        var checks = body["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);

        Assert.True(checks["odoo:acme"]["status"]!.GetValue<string>() == "Healthy", checks["odoo:acme"].ToJsonString());
        Assert.True(checks["certyo:acme"]["status"]!.GetValue<string>() == "Healthy", checks["certyo:acme"].ToJsonString());
    }
}
