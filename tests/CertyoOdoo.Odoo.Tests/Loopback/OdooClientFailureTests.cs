using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CertyoOdoo.Odoo.Errors;
using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Odoo.Tests.Loopback;

/// <summary>Transient failures, timeouts and secrets, over loopback.</summary>
public sealed class OdooClientFailureTests
{
    [Fact]
    public async Task Injected_failures_are_transient_and_typed_on_every_protocol()
    {
        await using var sim = await Simulator.StartAsync(19, new Dictionary<string, string?> { ["Sandbox:Odoo:ErrorRate"] = "1" });
        var kinds = new HashSet<string>();
        foreach (var protocol in sim.Protocols)
        {
            var client = sim.Client(protocol);
            for (var i = 0; i < 12; i++)
            {
                var ex = await Assert.ThrowsAnyAsync<OdooException>(() => client.SearchCountAsync("stock.picking", []));
                Assert.True(ex.IsTransient, $"{protocol}: {ex.GetType().Name} {ex.Message}");
                kinds.Add(ex switch
                {
                    OdooConcurrencyException => "serialization",
                    OdooTransportException { HttpStatus: 502 or 503 } => "proxy",
                    _ => ex.GetType().Name,
                });
            }
        }

        Assert.Equal(["proxy", "serialization"], kinds.Order());
    }

    [Fact]
    public async Task A_slow_server_times_out_as_transient()
    {
        await using var sim = await Simulator.StartAsync(17, new Dictionary<string, string?> { ["Sandbox:Odoo:Latency"] = "00:00:05" });
        using var http = new HttpClient();
        var client = OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = sim.Server.BaseAddress,
            Database = "demo",
            Login = "admin",
            ApiKey = "admin",
            Protocol = OdooProtocol.JsonRpc,
            Timeout = TimeSpan.FromMilliseconds(300),
        });

        var ex = await Assert.ThrowsAsync<OdooTransportException>(() => client.AuthenticateAsync());
        Assert.True(ex.IsTransient);
        Assert.Contains("did not answer", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.JsonRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task A_refused_connection_is_transient(OdooProtocol protocol)
    {
        // A port that was just free: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var http = new HttpClient();
        var client = OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}/"),
            Database = "demo",
            Login = "admin",
            ApiKey = "admin",
            Protocol = protocol,
        });

        var ex = await Assert.ThrowsAsync<OdooTransportException>(() => client.SearchAsync("stock.picking", []));
        Assert.True(ex.IsTransient);
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17, OdooProtocol.XmlRpc)]
    [InlineData(17, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task Api_keys_never_reach_logs_or_exception_text(int version, OdooProtocol protocol)
    {
        const string key = "k-7f3a9c2e5b1d44";
        await using var sim = await Simulator.StartAsync(version, new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Users:0:Id"] = "2",
            ["Sandbox:Odoo:Users:0:Login"] = "admin",
            ["Sandbox:Odoo:Users:0:Password"] = "admin",
            ["Sandbox:Odoo:Users:0:ApiKey"] = key,
        });
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var http = new HttpClient();
        OdooClient Client(string apiKey) => OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = sim.Server.BaseAddress,
            Database = "demo",
            Login = "admin",
            ApiKey = apiKey,
            Protocol = protocol,
        }, TimeProvider.System, factory);

        var good = Client(key);
        Assert.True(await good.SearchCountAsync("stock.picking", []) > 0);
        var errors = new List<Exception>
        {
            await Assert.ThrowsAnyAsync<OdooException>(() => good.SearchAsync("x.no.such.model", [])),
            await Assert.ThrowsAnyAsync<OdooException>(() => good.SearchAsync("stock.picking", [CertyoOdoo.Odoo.Values.OdooDomain.Leaf("no_such_field", "=", key)])),
            await Assert.ThrowsAsync<OdooAccessDeniedException>(() => Client(key + "x").SearchAsync("stock.picking", [])),
        };

        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.ToString().Contains(key, StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + exception);
        }
    }
}
