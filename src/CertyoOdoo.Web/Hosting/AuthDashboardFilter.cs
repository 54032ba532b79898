using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// The dashboard's gate: local requests only when no credentials are configured, otherwise basic
/// auth checked in constant time. Records whether the caller is an administrator so
/// <see cref="IsReadOnly"/> can hide the buttons from everyone else.
/// </summary>
internal sealed class AuthDashboardFilter(IOptionsMonitor<AuthDashboardOptions> options) : IDashboardAuthorizationFilter
{
    private const string AccessItem = "CertyoOdoo.DashboardAccess";
    private const string Realm = "CertyoOdoo dashboard";

    private enum Access
    {
        None,
        ReadOnly,
        Admin,
    }

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var access = Decide(http, options.CurrentValue);
        http.Items[AccessItem] = access;
        if (access == Access.None && options.CurrentValue.HasCredentials)
        {
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        }

        return access != Access.None;
    }

    /// <summary>For <c>DashboardOptions.IsReadOnlyFunc</c>: true unless the caller was found an administrator.</summary>
    public static bool IsReadOnly(DashboardContext context) =>
        context.GetHttpContext().Items[AccessItem] is not Access.Admin;

    private static Access Decide(HttpContext http, AuthDashboardOptions o)
    {
        if (!o.HasCredentials)
        {
            if (!IsLocal(http.Connection))
            {
                return Access.None;
            }

            return o.LocalReadOnly ? Access.ReadOnly : Access.Admin;
        }

        if (!TryReadBasic(http.Request, out var user, out var password))
        {
            return Access.None;
        }

        // Evaluate every candidate so the time taken does not reveal which user name exists.
        var admin = !string.IsNullOrEmpty(o.Username)
            & AuthSecrets.FixedTimeEquals(user, o.Username ?? "")
            & AuthSecrets.FixedTimeEquals(password, o.Password ?? "");
        var reader = false;
        foreach (var (name, secret) in o.ReadOnlyUsers)
        {
            reader |= AuthSecrets.FixedTimeEquals(user, name) & AuthSecrets.FixedTimeEquals(password, secret);
        }

        return admin ? Access.Admin : reader ? Access.ReadOnly : Access.None;
    }

    private static bool IsLocal(ConnectionInfo connection)
    {
        var remote = connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        return IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress);
    }

    private static bool TryReadBasic(HttpRequest request, out string user, out string password)
    {
        user = password = "";
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
