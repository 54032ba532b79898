using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Certyo.Client;

/// <summary>Registers one <see cref="ICertyoClient"/> (a typed HttpClient). For one client per tenant, construct <see cref="CertyoClient"/> directly.</summary>
public static class CertyoClientServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ICertyoClient"/> with options validated at start; the X-API-Key header is redacted from HttpClient logs.</summary>
    public static IHttpClientBuilder AddCertyoClient(this IServiceCollection services, Action<CertyoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CertyoClientOptions>()
            .Configure(configure)
            .ValidateDataAnnotations()
            .Validate(o => o.TotalTimeout > TimeSpan.Zero && o.AttemptTimeout > TimeSpan.Zero && o.BaseDelay >= TimeSpan.Zero && o.MaxDelay >= o.BaseDelay,
                "Certyo timeouts must be positive and MaxDelay at least BaseDelay.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddHttpClient<ICertyoClient, CertyoClient>((http, sp) => new CertyoClient(
                http,
                sp.GetRequiredService<IOptions<CertyoClientOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CertyoClient>>()))
            .RedactLoggedHeaders(["X-API-Key"]);
    }
}
