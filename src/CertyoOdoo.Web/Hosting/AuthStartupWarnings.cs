using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Says at start what an operator may not expect: an API nobody can call, a dashboard reachable only locally.</summary>
internal sealed partial class AuthStartupWarnings(
    IOptions<AuthApiKeyOptions> keys,
    IOptions<AuthDashboardOptions> dashboard,
    ILogger<AuthStartupWarnings> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.Value.Keys.Count == 0)
        {
            NoApiKeys(logger);
        }

        if (!dashboard.Value.HasCredentials)
        {
            DashboardLocalOnly(logger, DashboardExtensions.Path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "No Api:Keys configured: every /api call will be refused with 401.")]
    private static partial void NoApiKeys(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "The Hangfire dashboard at {Path} answers local requests only (set Dashboard:Username and Dashboard:Password to open it).")]
    private static partial void DashboardLocalOnly(ILogger logger, string path);
}
