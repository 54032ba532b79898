using CertyoOdoo.Certyo.Contracts;

namespace CertyoOdoo.Certyo.Client;

/// <summary>
/// Certyo's four calls. Transient failures (408, 429, 5xx, timeouts, connection errors) are retried
/// inside with backoff; what escapes is a <see cref="CertyoException"/>.
/// </summary>
public interface ICertyoClient
{
    /// <summary>Ingests one record. The record must carry an idempotency key.</summary>
    Task<IngestResult> IngestAsync(CertyoRecord record, CancellationToken cancellationToken = default);

    /// <summary>Ingests many records, in chunks of at most 1,000; results are in input order.</summary>
    Task<IReadOnlyList<IngestResult>> IngestBulkAsync(IReadOnlyList<CertyoRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Asks whether a record is anchored; null when Certyo does not know the record (404).</summary>
    Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists stored records matching the query.</summary>
    Task<IReadOnlyList<StoredRecord>> QueryAsync(CertyoQuery query, CancellationToken cancellationToken = default);
}
