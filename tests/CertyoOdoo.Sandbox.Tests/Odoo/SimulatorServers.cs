using System.Collections.Concurrent;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>One sandbox per recorded series, set up like the recorded server (version, database, module fields).</summary>
public sealed class SimulatorServers : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SandboxServer>>> _servers = new();

    internal Task<SandboxServer> ForAsync(string series) => _servers.GetOrAdd(series, s => new Lazy<Task<SandboxServer>>(() => SandboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Sandbox:Odoo:Version"] = s[..2],
        ["Sandbox:Odoo:Database"] = OdooFixtures.Database(s),
        // Only the 17.0 recording was taken with the x_certyo_* fields installed.
        ["Sandbox:Odoo:CertyoFields"] = s == "17.0" ? "true" : "false",
        ["Sandbox:Odoo:CertyoFieldModels:0"] = "stock.picking",
        ["Sandbox:Odoo:CertyoFieldModels:1"] = "mrp.production",
    }))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await (await server.Value).DisposeAsync();
        }
    }
}
