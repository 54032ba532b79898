using System.Collections.Concurrent;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>Counts RPC calls by protocol, model and method (GET /sandbox/odoo/stats).</summary>
internal sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<(string Protocol, string Model, string Method), long> _calls = new();

    public void Record(string protocol, string model, string method) => _calls.AddOrUpdate((protocol, model, method), 1, (_, n) => n + 1);

    public void Reset() => _calls.Clear();

    public OdooCallStats Snapshot()
    {
        var calls = _calls.ToArray();
        return new OdooCallStats(
            calls.Sum(c => c.Value),
            Sum(calls, c => c.Protocol),
            Sum(calls, c => c.Model),
            Sum(calls, c => c.Method),
            [.. calls.OrderBy(c => c.Key.Protocol).ThenBy(c => c.Key.Model).ThenBy(c => c.Key.Method)
                .Select(c => new OdooCallCount(c.Key.Protocol, c.Key.Model, c.Key.Method, c.Value))]);
    }

    private static SortedDictionary<string, long> Sum(
        KeyValuePair<(string Protocol, string Model, string Method), long>[] calls, Func<(string Protocol, string Model, string Method), string> key) =>
        new(calls.GroupBy(c => key(c.Key)).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)), StringComparer.Ordinal);
}

/// <summary>RPC calls the simulator served since start or the last reset.</summary>
public sealed record OdooCallStats(
    long Total,
    IReadOnlyDictionary<string, long> ByProtocol,
    IReadOnlyDictionary<string, long> ByModel,
    IReadOnlyDictionary<string, long> ByMethod,
    IReadOnlyList<OdooCallCount> Calls);

/// <summary>How many calls one protocol, model and method received.</summary>
public sealed record OdooCallCount(string Protocol, string Model, string Method, long Count);
