using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertyoOdoo.Odoo.Tests.Loopback;

/// <summary>The sandbox's Odoo simulator on loopback, and clients for it.</summary>
internal sealed class Simulator : IAsyncDisposable
{
    private readonly List<HttpClient> _httpClients = [];

    private Simulator(SandboxServer server, int version)
    {
        Server = server;
        Version = version;
    }

    public SandboxServer Server { get; }

    public int Version { get; }

    /// <summary>XML-RPC and JSON-RPC on every series; JSON-2 on 19.</summary>
    public IEnumerable<OdooProtocol> Protocols =>
        Version >= 19 ? [OdooProtocol.XmlRpc, OdooProtocol.JsonRpc, OdooProtocol.Json2] : [OdooProtocol.XmlRpc, OdooProtocol.JsonRpc];

    public static async Task<Simulator> StartAsync(int version, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new Simulator(await SandboxServer.StartAsync(all), version);
    }

    public OdooClient Client(OdooProtocol protocol, string apiKey = "admin")
    {
        var http = new HttpClient();
        _httpClients.Add(http);
        return OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = Server.BaseAddress,
            Database = "demo",
            Login = "admin",
            ApiKey = apiKey,
            Protocol = protocol,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public static OdooRecordReader Reader(IOdooClient client) => new(client, NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        await Server.DisposeAsync();
    }
}
