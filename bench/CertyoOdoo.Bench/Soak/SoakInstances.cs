using CertyoOdoo.Testing;

namespace CertyoOdoo.Bench.Soak;

/// <summary>The service instances of the soak, each in a fixed slot and port, with the peak memory of each slot across restarts.</summary>
internal sealed class SoakInstances(string dll, IReadOnlyDictionary<string, string?> settings, int[] ports, string healthPath) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly AppProcess?[] _slots = new AppProcess?[ports.Length];
    private readonly long[] _peaks = new long[ports.Length];

    public int Restarts { get; private set; }

    /// <summary>Per slot, the highest VmHWM of any of its processes, in bytes.</summary>
    public IReadOnlyList<long> PeakMemoryBytes => [.. _slots.Select((p, i) => Math.Max(_peaks[i], p?.PeakMemoryBytes ?? 0))];

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < ports.Length; i++)
        {
            _slots[i] = await StartAsync(i, cancellationToken);
        }
    }

    /// <summary>SIGKILL the slot's process, then start a new one on the same port (as a supervisor would).</summary>
    public async Task KillAndRestartAsync(int slot, CancellationToken cancellationToken)
    {
        var old = _slots[slot]!;
        await old.KillAsync();
        _peaks[slot] = Math.Max(_peaks[slot], old.PeakMemoryBytes);
        await old.DisposeAsync();
        _slots[slot] = await StartAsync(slot, cancellationToken);
        Restarts++;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is { } p)
            {
                _peaks[i] = Math.Max(_peaks[i], p.PeakMemoryBytes);
                await p.DisposeAsync();
                _slots[i] = null;
            }
        }
    }

    private Task<AppProcess> StartAsync(int slot, CancellationToken cancellationToken) =>
        AppProcess.StartAsync($"instance {slot + 1}", dll, settings, healthPath, StartTimeout, ports[slot], cancellationToken);
}
