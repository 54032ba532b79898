using CertyoOdoo.Web.Intake;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace CertyoOdoo.Web.Hosting;

/// <summary>The configured server (Kestrel), started only once <see cref="IntakeWarmup"/> has run.</summary>
internal sealed class WarmedUpServer(IServer inner, IntakeWarmup warmup) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        await warmup.RunAsync(application, cancellationToken);
        await inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();
}
