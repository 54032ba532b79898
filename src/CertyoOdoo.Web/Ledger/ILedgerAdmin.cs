namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// What operators may do with the ledger (the REST API's surface). Every change records a history
/// entry and wakes the job dispatcher, so it takes effect within a dispatcher tick.
/// </summary>
internal interface ILedgerAdmin
{
    /// <summary>Rows matching <paramref name="query"/>, newest update first.</summary>
    Task<LedgerPage> ListAsync(LedgerQuery query, CancellationToken cancellationToken);

    /// <summary>One row with its history; null when unknown.</summary>
    Task<LedgerEntryDetails?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The row of one Odoo record; null when unknown.</summary>
    Task<LedgerEntry?> FindAsync(string tenant, string model, int odooId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the service re-read the record and send it again if it changed (a new version), or for
    /// the first time; creates the row when absent. Unknown tenant or model: <see cref="ArgumentException"/>.
    /// </summary>
    Task<LedgerEntry> ResyncAsync(string tenant, string model, int odooId, CancellationToken cancellationToken);

    /// <summary>Puts matching failed/dead rows (or the given statuses) back to pending, due now. Returns how many.</summary>
    Task<int> RetryAsync(RetryRequest request, CancellationToken cancellationToken);

    /// <summary>Makes an ingested row's verification due now. False when the row is unknown or not ingested.</summary>
    Task<bool> VerifyNowAsync(long id, CancellationToken cancellationToken);

    /// <summary>Row counts per status (all statuses present, zero included).</summary>
    Task<IReadOnlyDictionary<LedgerStatus, long>> CountByStatusAsync(string? tenant, CancellationToken cancellationToken);
}
