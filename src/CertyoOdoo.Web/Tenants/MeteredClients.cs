using System.Diagnostics;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;

namespace CertyoOdoo.Web.Tenants;

/// <summary>Counts and times every Certyo call of a tenant (one count per logical call, retries inside).</summary>
internal sealed class MeteredCertyoClient(ICertyoClient inner, ServiceMetrics metrics) : ICertyoClient
{
    public Task<IngestResult> IngestAsync(CertyoRecord record, CancellationToken cancellationToken = default) =>
        Measure("ingest", () => inner.IngestAsync(record, cancellationToken));

    public Task<IReadOnlyList<IngestResult>> IngestBulkAsync(IReadOnlyList<CertyoRecord> records, CancellationToken cancellationToken = default) =>
        Measure("ingest_bulk", () => inner.IngestBulkAsync(records, cancellationToken));

    public Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default) =>
        Measure("verify", () => inner.VerifyAsync(request, cancellationToken));

    public Task<IReadOnlyList<StoredRecord>> QueryAsync(CertyoQuery query, CancellationToken cancellationToken = default) =>
        Measure("query", () => inner.QueryAsync(query, cancellationToken));

    private async Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            var result = await call();
            ok = true;
            return result;
        }
        finally
        {
            metrics.CertyoCall(operation, ok, Stopwatch.GetElapsedTime(started));
        }
    }
}

/// <summary>Counts and times every Odoo operation of a tenant's reader.</summary>
internal sealed class MeteredOdooReader(IOdooRecordReader inner, ServiceMetrics metrics) : IOdooRecordReader
{
    public Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default) =>
        Measure("model_exists", () => inner.ModelExistsAsync(model, cancellationToken));

    public Task<IReadOnlyList<OdooDocument>> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken = default) =>
        Measure("read", () => inner.ReadAsync(model, ids, extraFields, cancellationToken));

    public Task<IReadOnlyList<OdooRecordStamp>> SearchDoneAsync(string model, OdooRecordStamp? after, int limit, bool onlyWithoutStatus, CertyoFieldNames fields, CancellationToken cancellationToken = default) =>
        Measure("search_done", () => inner.SearchDoneAsync(model, after, limit, onlyWithoutStatus, fields, cancellationToken));

    public Task WriteStatusAsync(string model, IReadOnlyList<CertyoStatusWrite> writes, CertyoFieldNames fields, CancellationToken cancellationToken = default) =>
        Measure("write_status", async () =>
        {
            await inner.WriteStatusAsync(model, writes, fields, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<string>> EnsureCertyoFieldsAsync(string model, CertyoFieldNames fields, CancellationToken cancellationToken = default) =>
        Measure("ensure_fields", () => inner.EnsureCertyoFieldsAsync(model, fields, cancellationToken));

    private async Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            var result = await call();
            ok = true;
            return result;
        }
        finally
        {
            metrics.OdooCall(operation, ok, Stopwatch.GetElapsedTime(started));
        }
    }
}
