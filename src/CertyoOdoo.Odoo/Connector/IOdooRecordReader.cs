namespace CertyoOdoo.Odoo.Connector;

/// <summary>
/// What the connector asks of one Odoo database: batched reads (a constant number of calls per
/// batch, however many lines), the reconcile search, and batched write-back.
/// Supported models: stock.picking, mrp.production, stock.lot, quality.check.
/// </summary>
public interface IOdooRecordReader
{
    /// <summary>False when the model is not installed (e.g. quality.check on Community).</summary>
    Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the records with their related data. Ids that no longer exist are left out.
    /// <paramref name="extraFields"/> are copied into <see cref="OdooDocument.Extra"/>.
    /// </summary>
    Task<IReadOnlyList<OdooDocument>> ReadAsync(
        string model,
        IReadOnlyCollection<int> ids,
        IReadOnlyList<string> extraFields,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Done records of <paramref name="model"/> whose (write_date, id) is after <paramref name="after"/>,
    /// ordered by write_date, id. With <paramref name="onlyWithoutStatus"/>, only those whose Certyo
    /// status field is empty (when that field exists).
    /// A page holds fewer than <paramref name="limit"/> records only when none remain after it; it may hold
    /// up to twice <paramref name="limit"/> (Odoo reads write_date to the second, so the records of a page's
    /// last second are completed in id order).
    /// </summary>
    Task<IReadOnlyList<OdooRecordStamp>> SearchDoneAsync(
        string model,
        OdooRecordStamp? after,
        int limit,
        bool onlyWithoutStatus,
        CertyoFieldNames fields,
        CancellationToken cancellationToken = default);

    /// <summary>Writes each record its own values in one call per model (Odoo's <c>load</c>).</summary>
    Task WriteStatusAsync(
        string model,
        IReadOnlyList<CertyoStatusWrite> writes,
        CertyoFieldNames fields,
        CancellationToken cancellationToken = default);

    /// <summary>Creates the x_certyo_* fields on the model through ir.model.fields when missing.</summary>
    Task<IReadOnlyList<string>> EnsureCertyoFieldsAsync(string model, CertyoFieldNames fields, CancellationToken cancellationToken = default);
}

/// <summary>A record's position for a (write_date, id) cursor.</summary>
public sealed record OdooRecordStamp(int Id, DateTime WriteDate);

/// <summary>The write-back field names (configurable per tenant and model).</summary>
public sealed record CertyoFieldNames(
    string RecordHash = "x_certyo_record_hash",
    string AnchorStatus = "x_certyo_anchor_status",
    string AnchoredAt = "x_certyo_anchored_at")
{
    public static CertyoFieldNames Default { get; } = new();
}

/// <summary>
/// Values to write back to one record. Null members are not written.
/// <see cref="Status"/> is the selection key: ingested, anchored or failed.
/// </summary>
public sealed record CertyoStatusWrite(int Id, string? RecordHash, string? Status, DateTime? AnchoredAt);
