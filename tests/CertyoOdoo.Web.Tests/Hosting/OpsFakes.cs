using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Tests.Hosting;

/// <summary>
/// In-memory Odoo and Certyo behind the service's client seam (<see cref="ITenantClientFactory"/>), so
/// the API tests can put records in every state on demand. HTTP-level behaviour is tested elsewhere
/// against the sandbox; here what matters is how the API changes the ledger.
/// </summary>
internal sealed class OpsFakes
{
    public FakeOdoo Odoo { get; } = new();

    public FakeCertyo Certyo { get; } = new();

    /// <summary>The fakes behind the service's own metering wrappers, as the real factory does.</summary>
    public ITenantClientFactory Factory(ServiceMetrics metrics, ITenantClientFactory real) => new MeteredFactory(this, metrics, real);

    private sealed class MeteredFactory(OpsFakes fakes, ServiceMetrics metrics, ITenantClientFactory real) : ITenantClientFactory
    {
        // "acme" gets the fakes, "sim" the real clients; the others' peers do not answer.
        public ICertyoClient CreateCertyo(string tenant, TenantOptions options) => tenant switch
        {
            OpsApp.Tenant => new MeteredCertyoClient(fakes.Certyo, metrics),
            OpsApp.SimTenant => real.CreateCertyo(tenant, options),
            _ => new MeteredCertyoClient(Unreachable.Instance, metrics),
        };

        public IOdooRecordReader CreateOdoo(string tenant, TenantOptions options) => tenant switch
        {
            OpsApp.Tenant => new MeteredOdooReader(fakes.Odoo, metrics),
            OpsApp.SimTenant => real.CreateOdoo(tenant, options),
            _ => new MeteredOdooReader(Unreachable.Instance, metrics),
        };
    }
}

internal sealed class FakeOdoo : IOdooRecordReader
{
    private readonly ConcurrentDictionary<(string Model, int Id), OdooDocument> _records = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> _fields = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Model, CertyoStatusWrite Write)> Writes { get; } = new();

    /// <summary>A done picking, or an update of one (same id, new values).</summary>
    public OdooPicking PutPicking(int id, string name, DateTime writeDate, string partner = "Azure Interior", decimal quantity = 5, bool done = true)
    {
        var picking = new OdooPicking
        {
            Model = ModelCatalog.Picking,
            Id = id,
            Name = name,
            State = done ? "done" : "assigned",
            IsDone = done,
            WriteDate = writeDate,
            DateDone = done ? writeDate : null,
            PartnerName = partner,
            PickingTypeCode = "outgoing",
            PickingTypeName = "Delivery Orders",
            Lines = [new OdooMoveLine(id * 10, new OdooProduct(7, "FURN_7777", "Office Chair"), quantity, null, "Units")],
        };
        _records[(ModelCatalog.Picking, id)] = picking;
        return picking;
    }

    public Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default) =>
        Task.FromResult(model is ModelCatalog.Picking or ModelCatalog.Production or ModelCatalog.Lot);

    public Task<IReadOnlyList<OdooDocument>> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OdooDocument>>([.. ids.Select(id => _records.TryGetValue((model, id), out var d) ? d : null).OfType<OdooDocument>()]);

    public Task<IReadOnlyList<OdooRecordStamp>> SearchDoneAsync(string model, OdooRecordStamp? after, int limit, bool onlyWithoutStatus, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        var stamps = _records.Values
            .Where(d => d.Model == model && d.IsDone && d.WriteDate is not null)
            .Select(d => new OdooRecordStamp(d.Id, d.WriteDate!.Value))
            .Where(s => after is null || s.WriteDate > after.WriteDate || (s.WriteDate == after.WriteDate && s.Id > after.Id))
            .OrderBy(s => s.WriteDate).ThenBy(s => s.Id)
            .Take(limit)
            .ToList();
        return Task.FromResult<IReadOnlyList<OdooRecordStamp>>(stamps);
    }

    public Task WriteStatusAsync(string model, IReadOnlyList<CertyoStatusWrite> writes, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        foreach (var write in writes)
        {
            Writes.Enqueue((model, write));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> EnsureCertyoFieldsAsync(string model, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        var existing = _fields.GetOrAdd(model, _ => []);
        lock (existing)
        {
            var created = new[] { fields.RecordHash, fields.AnchorStatus, fields.AnchoredAt }.Where(existing.Add).ToList();
            return Task.FromResult<IReadOnlyList<string>>(created);
        }
    }
}

internal sealed class FakeCertyo : ICertyoClient
{
    private readonly ConcurrentDictionary<(string Collection, string RecordId), IngestResult> _ingested = new();

    /// <summary>Record ids Certyo refuses for good (400).</summary>
    public ConcurrentDictionary<string, bool> Refuse { get; } = new(StringComparer.Ordinal);

    /// <summary>Record ids Certyo reports anchored.</summary>
    public ConcurrentDictionary<string, bool> Anchored { get; } = new(StringComparer.Ordinal);

    public int VerifyCalls => _verifyCalls;

    private int _verifyCalls;

    public Task<IngestResult> IngestAsync(CertyoRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ingest(record));

    public Task<IReadOnlyList<IngestResult>> IngestBulkAsync(IReadOnlyList<CertyoRecord> records, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IngestResult>>([.. records.Select(Ingest)]);

    public Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _verifyCalls);
        if (!_ingested.TryGetValue((request.Collection, request.RecordId), out var result))
        {
            return Task.FromResult<VerifyResult?>(null);
        }

        var anchored = Anchored.ContainsKey(request.RecordId);
        return Task.FromResult<VerifyResult?>(new VerifyResult
        {
            Verified = anchored,
            Status = anchored ? "anchored" : "pending",
            RecordHash = result.RecordHash,
            AnchoredAt = anchored ? result.AcceptedAt.AddSeconds(60) : null,
        });
    }

    public Task<IReadOnlyList<StoredRecord>> QueryAsync(CertyoQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredRecord>>([]);

    private IngestResult Ingest(CertyoRecord record)
    {
        if (Refuse.ContainsKey(record.RecordId))
        {
            throw new CertyoException($"Certyo refused record {record.RecordId}.") { StatusCode = 400, IsTransient = false };
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(record.RecordPayload.GetRawText())));
        var result = new IngestResult(record.RecordId, hash, record.TenantId, TimeProvider.System.GetUtcNow(), false);
        _ingested[(record.Collection, record.RecordId)] = result;
        return result;
    }
}

/// <summary>Peers that refuse every connection (a tenant whose Odoo and Certyo are down).</summary>
internal sealed class Unreachable : ICertyoClient, IOdooRecordReader
{
    public static Unreachable Instance { get; } = new();

    public Task<IngestResult> IngestAsync(CertyoRecord record, CancellationToken cancellationToken = default) => Refused<IngestResult>();

    public Task<IReadOnlyList<IngestResult>> IngestBulkAsync(IReadOnlyList<CertyoRecord> records, CancellationToken cancellationToken = default) => Refused<IReadOnlyList<IngestResult>>();

    public Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default) => Refused<VerifyResult?>();

    public Task<IReadOnlyList<StoredRecord>> QueryAsync(CertyoQuery query, CancellationToken cancellationToken = default) => Refused<IReadOnlyList<StoredRecord>>();

    public Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default) => Refused<bool>();

    public Task<IReadOnlyList<OdooDocument>> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken = default) => Refused<IReadOnlyList<OdooDocument>>();

    public Task<IReadOnlyList<OdooRecordStamp>> SearchDoneAsync(string model, OdooRecordStamp? after, int limit, bool onlyWithoutStatus, CertyoFieldNames fields, CancellationToken cancellationToken = default) => Refused<IReadOnlyList<OdooRecordStamp>>();

    public Task WriteStatusAsync(string model, IReadOnlyList<CertyoStatusWrite> writes, CertyoFieldNames fields, CancellationToken cancellationToken = default) => Refused<bool>();

    public Task<IReadOnlyList<string>> EnsureCertyoFieldsAsync(string model, CertyoFieldNames fields, CancellationToken cancellationToken = default) => Refused<IReadOnlyList<string>>();

    private static Task<T> Refused<T>() => Task.FromException<T>(new HttpRequestException("Connection refused (127.0.0.1:9)."));
}
