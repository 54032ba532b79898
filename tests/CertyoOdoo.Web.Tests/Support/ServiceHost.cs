using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CertyoOdoo.Web.Tests;

/// <summary>
/// The service (its real Program) on a real loopback port, configured like the command line.
/// One at a time per process: Hangfire keeps static state.
/// </summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private ServiceHost(WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public static ServiceHost Start(int port, IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Logging:LogLevel:CertyoOdoo", "Warning");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new ServiceHost(factory, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        // Hangfire's PostgreSQL pool outlives the host (one pool per test database): close its idle
        // connections, or a long run exhausts the server's max_connections.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>Waits for a condition with a deadline (never for time itself).</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout}: {await describe()}");
            }

            await Task.Delay(100);
        }
    }
}
