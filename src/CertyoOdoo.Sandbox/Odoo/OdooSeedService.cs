using System.Diagnostics;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Seeds the store while the app starts, so the first call does not pay for it.</summary>
internal sealed partial class OdooSeedService(IServiceProvider services, ILogger<OdooSeedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var store = services.GetRequiredService<OdooStore>();
        var pickings = store.Table("stock.picking").Count;
        var lines = store.Table("stock.move.line").Count;
        LogSeeded(logger, store.Version, pickings, lines, watch.ElapsedMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Odoo simulator {Version}.0 ready: {Pickings} pickings, {Lines} move lines, seeded in {Elapsed} ms")]
    private static partial void LogSeeded(ILogger logger, int version, int pickings, int lines, long elapsed);
}
