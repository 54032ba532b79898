using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>The Hangfire dashboard at <c>/hangfire</c>, behind <see cref="AuthDashboardFilter"/>.</summary>
internal static class DashboardExtensions
{
    public const string Path = "/hangfire";

    /// <summary>Maps the dashboard: local-only without credentials, read-only for non-administrators.</summary>
    public static IEndpointRouteBuilder MapCertyoDashboard(this IEndpointRouteBuilder app)
    {
        var filter = new AuthDashboardFilter(app.ServiceProvider.GetRequiredService<IOptionsMonitor<AuthDashboardOptions>>());
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "CertyoOdoo jobs",
            Authorization = [filter],
            IsReadOnlyFunc = AuthDashboardFilter.IsReadOnly,
            // Behind a reverse proxy the path base may differ; let the links follow the request.
            AppPath = null,
            DisplayStorageConnectionString = false,
        });
        return app;
    }
}
