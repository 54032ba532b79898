namespace CertyoOdoo.Web.Jobs;

/// <summary>Wakes the in-process dispatcher: cheap, never blocks, never enqueues by itself.</summary>
internal interface IWorkSignal
{
    /// <summary>There may be ingest work for this tenant and model (<paramref name="notified"/>: how many notifications said so).</summary>
    void Ingest(string tenant, string model, int notified = 1);

    /// <summary>There may be verification or write-back work for this tenant.</summary>
    void Verify(string tenant);

    /// <summary>Sweep the ledger now.</summary>
    void Sweep();
}

/// <summary>An instance that processes no jobs: signals go nowhere (nothing would read them).</summary>
internal sealed class NoWorkSignal : IWorkSignal
{
    public void Ingest(string tenant, string model, int notified = 1)
    {
    }

    public void Verify(string tenant)
    {
    }

    public void Sweep()
    {
    }
}
