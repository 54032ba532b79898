namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Backfill of one model over a range of Odoo <c>write_date</c>: done records in the range are put in
/// the ledger (new rows pending, existing rows marked for recheck) by a job working in batches.
/// </summary>
internal interface IBackfillService
{
    /// <summary>Starts a backfill. Unknown tenant or model: <see cref="ArgumentException"/>.</summary>
    Task<BackfillRun> StartAsync(string tenant, string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One backfill with its progress; null when unknown.</summary>
    Task<BackfillRun?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Recent backfills, newest first.</summary>
    Task<IReadOnlyList<BackfillRun>> ListAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>
/// A backfill and its progress. <see cref="State"/>: running, done or failed (of the paging through Odoo);
/// <see cref="Progress"/>: where the <see cref="Found"/> records stand in the ledger now.
/// </summary>
internal sealed record BackfillRun(
    long Id,
    string Tenant,
    string Model,
    DateTimeOffset From,
    DateTimeOffset To,
    string State,
    int Batches,
    int Found,
    int Queued,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    BackfillProgress Progress)
{
    /// <summary>Share of <see cref="Found"/> that is done, in percent with one decimal; 100 for a finished backfill that found nothing.</summary>
    public double PercentDone => Found == 0
        ? State == "done" ? 100 : 0
        : Math.Round(100.0 * Progress.Done / Found, 1, MidpointRounding.ToZero);
}

/// <summary>
/// The backfill's records by ledger status. <see cref="Pending"/>: still to go (pending, failed, or marked
/// for recheck); the others: reached a sent or final state, together <see cref="Done"/>.
/// </summary>
internal sealed record BackfillProgress(int Pending, int Ingested, int Anchored, int Skipped, int Dead)
{
    public int Done => Ingested + Anchored + Skipped + Dead;
}
