using System.Net;
using System.Text;
using CertyoOdoo.Web.Hosting;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests.Hosting;

public sealed class AuthDashboardFilterTests
{
    private static readonly AuthDashboardOptions WithCredentials = new()
    {
        Username = "admin",
        Password = "s3cret-admin",
        ReadOnlyUsers = { ["viewer"] = "s3cret-viewer" },
    };

    [Fact]
    public void Without_credentials_a_local_request_gets_full_access()
    {
        var (allowed, readOnly, _) = Run(new AuthDashboardOptions(), IPAddress.Loopback, authorization: null);
        Assert.True(allowed);
        Assert.False(readOnly);
    }

    [Fact]
    public void Without_credentials_a_remote_request_is_refused()
    {
        var (allowed, _, context) = Run(new AuthDashboardOptions(), IPAddress.Parse("203.0.113.7"), authorization: null);
        Assert.False(allowed);
        Assert.False(context.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public void With_credentials_a_remote_request_without_them_is_challenged()
    {
        var (allowed, _, context) = Run(WithCredentials, IPAddress.Parse("203.0.113.7"), authorization: null);
        Assert.False(allowed);
        Assert.StartsWith("Basic ", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_credentials_even_a_local_request_must_present_them()
    {
        var (allowed, _, _) = Run(WithCredentials, IPAddress.Loopback, authorization: null);
        Assert.False(allowed);
    }

    [Fact]
    public void The_administrator_gets_full_access()
    {
        var (allowed, readOnly, _) = Run(WithCredentials, IPAddress.Parse("203.0.113.7"), Basic("admin", "s3cret-admin"));
        Assert.True(allowed);
        Assert.False(readOnly);
    }

    [Fact]
    public void A_read_only_user_gets_a_read_only_dashboard()
    {
        var (allowed, readOnly, _) = Run(WithCredentials, IPAddress.Parse("203.0.113.7"), Basic("viewer", "s3cret-viewer"));
        Assert.True(allowed);
        Assert.True(readOnly);
    }

    [Theory]
    [InlineData("admin", "wrong")]
    [InlineData("viewer", "s3cret-admin")]
    [InlineData("nobody", "s3cret-viewer")]
    [InlineData("", "")]
    public void Wrong_credentials_are_refused(string user, string password)
    {
        var (allowed, _, _) = Run(WithCredentials, IPAddress.Loopback, Basic(user, password));
        Assert.False(allowed);
    }

    [Fact]
    public void A_malformed_authorization_header_is_refused()
    {
        var (allowed, _, _) = Run(WithCredentials, IPAddress.Loopback, "Basic not-base64!!");
        Assert.False(allowed);
    }

    [Fact]
    public void Local_read_only_mode_hides_the_buttons_from_local_users()
    {
        var (allowed, readOnly, _) = Run(new AuthDashboardOptions { LocalReadOnly = true }, IPAddress.IPv6Loopback, authorization: null);
        Assert.True(allowed);
        Assert.True(readOnly);
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static (bool Allowed, bool ReadOnly, HttpContext Context) Run(AuthDashboardOptions options, IPAddress remote, string? authorization)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalIpAddress = IPAddress.Parse("10.0.0.5");
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var filter = new AuthDashboardFilter(new StaticMonitor(options));
        var context = new AspNetCoreDashboardContext(new NoStorage(), new DashboardOptions(), http);
        var allowed = filter.Authorize(context);
        return (allowed, AuthDashboardFilter.IsReadOnly(context), http);
    }

    private sealed class StaticMonitor(AuthDashboardOptions value) : IOptionsMonitor<AuthDashboardOptions>
    {
        public AuthDashboardOptions CurrentValue => value;

        public AuthDashboardOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AuthDashboardOptions, string?> listener) => null;
    }

    private sealed class NoStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();

        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }
}
