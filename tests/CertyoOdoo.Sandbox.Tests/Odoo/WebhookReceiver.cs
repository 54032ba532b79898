using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>A notification as the receiver got it, with what <see cref="WebhookReceiver.Probe"/> saw at that moment.</summary>
internal sealed record ReceivedWebhook(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, string? Probed);

/// <summary>A tiny loopback HTTP server standing in for the service: records every POST, answers 202.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Called while a notification is being received (e.g. to re-read the record, as a receiver would).</summary>
    public Func<string, Task<string?>>? Probe { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var probed = receiver!.Probe is { } probe ? await probe(body) : null;
            receiver.Received.Enqueue(new ReceivedWebhook(request.Path + request.QueryString, headers, body, probed));
            return Results.Accepted();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address));
        return receiver;
    }

    public string Url(string pathAndQuery) => new Uri(Address, pathAndQuery).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
