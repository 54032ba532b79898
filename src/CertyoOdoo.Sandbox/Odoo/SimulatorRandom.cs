namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>A seeded, thread-safe source for error injection and rollbacks (reproducible runs).</summary>
internal sealed class SimulatorRandom(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}
