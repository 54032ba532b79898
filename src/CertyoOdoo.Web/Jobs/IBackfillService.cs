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

/// <summary>A backfill and its progress. <see cref="State"/>: running, done or failed.</summary>
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
    DateTimeOffset? FinishedAt);
