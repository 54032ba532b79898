using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Testing;

/// <summary>
/// A reverse proxy on a loopback port in front of one or more backends, as a Kubernetes Service is in
/// front of the replicas: round-robin, the next backend when one refuses the connection (killed), and the
/// client's connection dropped when a backend drops its own. It counts requests per class and times them,
/// which gives the soak the calls per record and the webhook latency without trusting either side's counters.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client;
    private readonly IReadOnlyList<Uri> _backends;
    private readonly Func<HttpRequest, string> _classify;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new(StringComparer.Ordinal);
    private int _next;

    private LoopbackProxy(WebApplication app, IReadOnlyList<Uri> backends, Func<HttpRequest, string> classify)
    {
        _app = app;
        _backends = backends;
        _classify = classify;
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        });
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a proxy; <paramref name="classify"/> names the class a request is counted under.</summary>
    public static async Task<LoopbackProxy> StartAsync(IReadOnlyList<Uri> backends, Func<HttpRequest, string> classify)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var proxy = new LoopbackProxy(app, backends, classify);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseAddress = new Uri(address + "/");
        return proxy;
    }

    /// <summary>While set, requests of this class are answered 503 at once (a peer that is down).</summary>
    public string? Refusing { get; set; }

    public long Count(string requestClass) => _counts.GetValueOrDefault(requestClass);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>The <paramref name="quantile"/> of the class's request latencies, in milliseconds (NaN when none).</summary>
    public double LatencyQuantile(string requestClass, double quantile)
    {
        if (!_latencies.TryGetValue(requestClass, out var queue) || queue.IsEmpty)
        {
            return double.NaN;
        }

        var sorted = queue.ToArray();
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var requestClass = _classify(context.Request);
        _counts.AddOrUpdate(requestClass, 1, (_, n) => n + 1);
        if (requestClass == Refusing)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var started = Stopwatch.GetTimestamp();
        var first = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < _backends.Count; attempt++)
        {
            var backend = _backends[(int)((uint)(first + attempt) % (uint)_backends.Count)];
            using var request = BuildRequest(context.Request, backend, body.ToArray());
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, context.RequestAborted);
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                continue;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // The backend dropped the connection: so does the proxy, and the caller sees what it would have.
                context.Abort();
                return;
            }

            using (response)
            {
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                {
                    if (!HopHeaders.Contains(name))
                    {
                        context.Response.Headers[name] = values.ToArray();
                    }
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }

            _latencies.GetOrAdd(requestClass, _ => new ConcurrentQueue<double>())
                .Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status502BadGateway;
    }

    private static HttpRequestMessage BuildRequest(HttpRequest incoming, Uri backend, byte[] body)
    {
        var target = new Uri(backend, incoming.Path.Value!.TrimStart('/') + incoming.QueryString.Value);
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return request;
    }
}
