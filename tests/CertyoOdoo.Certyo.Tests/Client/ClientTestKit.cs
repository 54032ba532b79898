using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Testing;
using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Certyo.Tests.Client;

/// <summary>Records, clients and sandbox read-outs shared by the client tests.</summary>
internal static class ClientTestKit
{
    public const string ApiKey = "sandbox-key";

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Sandbox:DatabasePath"] = ":memory:" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static CertyoClient NewClient(SandboxServer sandbox, ListLogger<CertyoClient>? logger = null, Action<CertyoClientOptions>? tweak = null)
    {
        var options = new CertyoClientOptions
        {
            BaseUrl = sandbox.BaseAddress,
            ApiKey = ApiKey,
            MaxAttempts = 12,
            BaseDelay = TimeSpan.FromMilliseconds(2),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            TotalTimeout = TimeSpan.FromSeconds(60),
            AttemptTimeout = TimeSpan.FromSeconds(20),
        };
        tweak?.Invoke(options);
        return new CertyoClient(new HttpClient(), options, TimeProvider.System, logger ?? new ListLogger<CertyoClient>());
    }

    public static CertyoRecord Record(int i, string tenant = "t1", string? key = "auto", string payload = "") => new()
    {
        TenantId = tenant,
        Database = "odoo",
        Collection = "stock.picking",
        RecordId = $"WH/OUT/{i:D5}",
        RecordVersion = "1",
        RecordPayload = JsonDocument.Parse($$"""{"name":"WH/OUT/{{i:D5}}","state":"done","qty":{{i}}{{payload}}}""").RootElement,
        OperationType = "upsert",
        IdempotencyKey = key == "auto" ? $"WH/OUT/{i:D5}-v1" : key,
    };

    public static async Task<JsonElement> GetJsonAsync(SandboxServer sandbox, string path)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        return await http.GetFromJsonAsync<JsonElement>(path);
    }

    public static async Task<(long Records, long Duplicates, long Anchored)> StatsAsync(SandboxServer sandbox, string tenant)
    {
        var stats = await GetJsonAsync(sandbox, $"sandbox/certyo/stats?tenantId={tenant}");
        return (stats.GetProperty("records").GetInt64(), stats.GetProperty("duplicates").GetInt64(), stats.GetProperty("anchored").GetInt64());
    }

    /// <summary>Calls the sandbox saw on one endpoint ("POST /api/v1/records/bulk").</summary>
    public static async Task<JsonElement?> CallsAsync(SandboxServer sandbox, string endpoint)
    {
        var calls = await GetJsonAsync(sandbox, "sandbox/certyo/calls");
        return calls.GetProperty("endpoints").TryGetProperty(endpoint, out var e) ? e : null;
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(25); // polling interval of a condition wait with a deadline
        }
    }
}

/// <summary>Collects formatted log lines, to prove what is (not) logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
}
