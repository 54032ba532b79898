using System.Net;
using Microsoft.AspNetCore.Http;

namespace CertyoOdoo.Web.Tests.Hosting;

[Collection(OpsGroup.Name)]
public sealed class DashboardTests(OpsApp app)
{
    [Fact]
    public async Task Without_credentials_configured_a_remote_request_is_refused()
    {
        var context = await app.SendFromAsync(IPAddress.Parse("203.0.113.7"), "/hangfire");
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_request_with_no_address_is_refused()
    {
        var context = await app.SendFromAsync(remote: null, "/hangfire");
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_local_request_sees_the_dashboard()
    {
        var context = await app.SendFromAsync(IPAddress.Loopback, "/hangfire");
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        Assert.Contains("CertyoOdoo jobs", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sweeper_and_each_reconcile_are_recurring_jobs_in_the_dashboard()
    {
        var context = await app.SendFromAsync(IPAddress.Loopback, "/hangfire/recurring");
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body);
        var page = await reader.ReadToEndAsync();
        Assert.Contains(">sweep<", page, StringComparison.Ordinal);
        Assert.Contains("*/1 * * * * *", page, StringComparison.Ordinal); // Jobs:SweepInterval = 1 s
        Assert.Contains($"reconcile:{OpsApp.Tenant}:stock.picking", page, StringComparison.Ordinal);
        Assert.Contains($"reconcile:{OpsApp.SimTenant}:stock.picking", page, StringComparison.Ordinal);
    }
}
