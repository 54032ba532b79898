using System.Collections.Concurrent;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Counts calls per endpoint and outcome, faults included, and keeps the latest calls with their times.</summary>
public sealed class CertyoSandboxCalls(TimeProvider time)
{
    private const int RecentCapacity = 500;
    private readonly ConcurrentDictionary<string, EndpointCounters> _endpoints = new(StringComparer.Ordinal);
    private readonly Queue<SandboxCall> _recent = new();
    private readonly Lock _recentGate = new();

    /// <summary>Records one call: its HTTP status (0 when the connection was dropped) and the fault injected, if any.</summary>
    public void Record(string endpoint, int status, string? fault)
    {
        var counters = _endpoints.GetOrAdd(endpoint, static _ => new EndpointCounters());
        counters.Add(status, fault);
        lock (_recentGate)
        {
            _recent.Enqueue(new SandboxCall(time.GetUtcNow(), endpoint, status, fault));
            if (_recent.Count > RecentCapacity)
            {
                _recent.Dequeue();
            }
        }
    }

    public SandboxCallsView Snapshot()
    {
        var endpoints = _endpoints.ToDictionary(e => e.Key, e => e.Value.View(), StringComparer.Ordinal);
        lock (_recentGate)
        {
            return new SandboxCallsView(endpoints, [.. _recent]);
        }
    }

    private sealed class EndpointCounters
    {
        private readonly ConcurrentDictionary<int, long> _byStatus = new();
        private long _calls;
        private long _errors;
        private long _rateLimited;
        private long _dropped;

        public void Add(int status, string? fault)
        {
            Interlocked.Increment(ref _calls);
            _byStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
            switch (fault)
            {
                case SandboxFaults.Error: Interlocked.Increment(ref _errors); break;
                case SandboxFaults.RateLimit: Interlocked.Increment(ref _rateLimited); break;
                case SandboxFaults.Drop: Interlocked.Increment(ref _dropped); break;
            }
        }

        public SandboxEndpointCalls View() => new(
            Interlocked.Read(ref _calls),
            _byStatus.ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value, StringComparer.Ordinal),
            Interlocked.Read(ref _errors),
            Interlocked.Read(ref _rateLimited),
            Interlocked.Read(ref _dropped));
    }
}

/// <summary>One call as the sandbox saw it.</summary>
public sealed record SandboxCall(DateTimeOffset At, string Endpoint, int Status, string? Fault);

/// <summary>Counts of one endpoint; byStatus "0" counts connections dropped after accepting.</summary>
public sealed record SandboxEndpointCalls(long Calls, IReadOnlyDictionary<string, long> ByStatus, long InjectedErrors, long RateLimited, long DroppedAfterAccept);

/// <summary>Answer of GET /sandbox/certyo/calls.</summary>
public sealed record SandboxCallsView(IReadOnlyDictionary<string, SandboxEndpointCalls> Endpoints, IReadOnlyList<SandboxCall> Recent);
