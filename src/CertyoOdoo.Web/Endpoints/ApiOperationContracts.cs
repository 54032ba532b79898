using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>How many rows a retry put back to pending.</summary>
internal sealed record ApiRetryResult
{
    /// <example>17</example>
    public required int Count { get; init; }
}

/// <summary>A backfill and its progress.</summary>
internal sealed record ApiBackfill
{
    /// <example>7</example>
    public required long Id { get; init; }

    /// <example>acme</example>
    public required string Tenant { get; init; }

    /// <example>stock.picking</example>
    public required string Model { get; init; }

    /// <example>2026-11-01T00:00:00Z</example>
    public required DateTimeOffset From { get; init; }

    /// <example>2026-12-01T00:00:00Z</example>
    public required DateTimeOffset To { get; init; }

    /// <summary>Of the paging through Odoo: running, done (every page read) or failed. The records' own progress is in done/pending.</summary>
    /// <example>running</example>
    public required string State { get; init; }

    /// <summary>Pages of Odoo records read so far.</summary>
    /// <example>3</example>
    public int Batches { get; init; }

    /// <summary>Distinct done records found in Odoo in the range so far.</summary>
    /// <example>1500</example>
    public int Found { get; init; }

    /// <summary>Of those, how many were handed to the ingest (new rows, or known rows to re-check); the rest were pending already.</summary>
    /// <example>1480</example>
    public int Queued { get; init; }

    /// <summary>Found records still to go: pending, failed (retrying) or marked for a re-check.</summary>
    /// <example>300</example>
    public int Pending { get; init; }

    /// <summary>Found records accepted by Certyo, waiting for the anchor.</summary>
    /// <example>400</example>
    public int Ingested { get; init; }

    /// <summary>Found records verified anchored.</summary>
    /// <example>790</example>
    public int Anchored { get; init; }

    /// <summary>Found records skipped (never became done in Odoo within the grace period).</summary>
    /// <example>0</example>
    public int Skipped { get; init; }

    /// <summary>Found records that need a person (see <c>GET /api/records?status=dead</c>).</summary>
    /// <example>10</example>
    public int Dead { get; init; }

    /// <summary>Found records past the ingest: ingested + anchored + skipped + dead (found = pending + done).</summary>
    /// <example>1200</example>
    public int Done { get; init; }

    /// <summary>done / found in percent, one decimal (100 when a finished backfill found nothing).</summary>
    /// <example>80</example>
    public double PercentDone { get; init; }

    /// <example>null</example>
    public string? LastError { get; init; }

    /// <example>2026-12-03T10:00:00Z</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>2026-12-03T10:00:04Z</example>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <example>null</example>
    public DateTimeOffset? FinishedAt { get; init; }

    internal static ApiBackfill Of(BackfillRun run) => new()
    {
        Id = run.Id,
        Tenant = run.Tenant,
        Model = run.Model,
        From = run.From,
        To = run.To,
        State = run.State,
        Batches = run.Batches,
        Found = run.Found,
        Queued = run.Queued,
        Pending = run.Progress.Pending,
        Ingested = run.Progress.Ingested,
        Anchored = run.Progress.Anchored,
        Skipped = run.Progress.Skipped,
        Dead = run.Progress.Dead,
        Done = run.Progress.Done,
        PercentDone = run.PercentDone,
        LastError = run.LastError,
        CreatedAt = run.CreatedAt,
        UpdatedAt = run.UpdatedAt,
        FinishedAt = run.FinishedAt,
    };
}

/// <summary>Whether a record in Odoo still matches what was anchored.</summary>
internal sealed record ApiAudit
{
    public required ApiRecord Record { get; init; }

    /// <summary>False when the record was deleted in Odoo.</summary>
    /// <example>true</example>
    public required bool ExistsInOdoo { get; init; }

    /// <summary>The record's state in Odoo now.</summary>
    /// <example>done</example>
    public string? OdooState { get; init; }

    /// <summary>Payload hash last accepted by Certyo.</summary>
    /// <example>9f2b5c0d1e8a4f3b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b</example>
    public string? AnchoredPayloadHash { get; init; }

    /// <summary>Payload hash recomputed now from Odoo's record with the service's mapping.</summary>
    /// <example>3c7e1a9b5d2f4e6a8c0b1d3f5e7a9c2b4d6f8e0a1c3e5b7d9f2a4c6e8b0d1f3a</example>
    public string? CurrentPayloadHash { get; init; }

    /// <summary>True when the record exists, is done, and hashes as what was anchored (verdict matches).</summary>
    /// <example>false</example>
    public required bool Matches { get; init; }

    /// <summary>
    /// matches (done, hashes as anchored), changed (done, payload differs), notDone (no longer done in Odoo),
    /// deleted (no longer in Odoo) or notSent (never accepted by Certyo: nothing to compare with).
    /// </summary>
    /// <example>changed</example>
    public required string Verdict { get; init; }

    /// <summary>
    /// With changed: the payload fields (and recordId, sourceTimestamp) that differ from the version Certyo
    /// holds, sorted; empty when the record matches; null when unknown (Certyo not reachable, or not compared).
    /// </summary>
    /// <example>["partnerName","sourceDocument"]</example>
    public IReadOnlyList<string>? ChangedFields { get; init; }

    /// <summary>The verdict in words.</summary>
    /// <example>The record changed in Odoo since version 1 was sent (partnerName, sourceDocument); a resync sends version 2.</example>
    public required string Detail { get; init; }

    /// <summary>Certyo's verify answer now (null when Certyo does not know the record or was not asked).</summary>
    public ApiCertyoVerification? Certyo { get; init; }

    /// <summary>Why <see cref="Certyo"/> is missing, when Certyo was asked and did not answer.</summary>
    /// <example>null</example>
    public string? CertyoError { get; init; }

    internal static ApiAudit Of(ApiRecord record, AuditResult audit, ApiCertyoVerification? certyo, string? certyoError) => new()
    {
        Record = record,
        ExistsInOdoo = audit.ExistsInOdoo,
        OdooState = audit.OdooState,
        AnchoredPayloadHash = audit.AnchoredPayloadHash,
        CurrentPayloadHash = audit.CurrentPayloadHash,
        Matches = audit.Matches,
        Verdict = audit.Verdict,
        ChangedFields = audit.ChangedFields,
        Detail = audit.Detail,
        Certyo = certyo,
        CertyoError = certyoError,
    };
}

/// <summary>Certyo's answer to verify for one record.</summary>
internal sealed record ApiCertyoVerification
{
    /// <example>true</example>
    public required bool Verified { get; init; }

    /// <example>anchored</example>
    public string? Status { get; init; }

    /// <example>0x5e1f7a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7</example>
    public string? RecordHash { get; init; }

    /// <example>0x8d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e</example>
    public string? MerkleRoot { get; init; }

    /// <example>0x4b1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c</example>
    public string? PolygonTxHash { get; init; }

    /// <example>2026-12-03T09:16:31Z</example>
    public DateTimeOffset? AnchoredAt { get; init; }

    internal static ApiCertyoVerification Of(VerifyResult v) => new()
    {
        Verified = v.Verified,
        Status = v.Status,
        RecordHash = v.RecordHash,
        MerkleRoot = v.MerkleRoot,
        PolygonTxHash = v.PolygonTxHash,
        AnchoredAt = v.AnchoredAt,
    };
}

/// <summary>Per model: whether Odoo has it, and which x_certyo_* fields were created now.</summary>
internal sealed record ApiOdooFieldsResult
{
    /// <example>stock.picking</example>
    public required string Model { get; init; }

    /// <summary>False when the model is not installed in Odoo (e.g. quality.check on Community).</summary>
    /// <example>true</example>
    public required bool ModelInstalled { get; init; }

    /// <summary>Fields created by this call (empty when they existed already).</summary>
    /// <example>["x_certyo_record_hash","x_certyo_anchor_status","x_certyo_anchored_at"]</example>
    public required IReadOnlyList<string> CreatedFields { get; init; }

    /// <example>null</example>
    public string? Error { get; init; }

    internal static ApiOdooFieldsResult Of(EnsureFieldsResult r) => new()
    {
        Model = r.Model,
        ModelInstalled = r.ModelInstalled,
        CreatedFields = r.CreatedFields,
        Error = r.Error,
    };
}

/// <summary>A configured tenant (no secrets).</summary>
internal sealed record ApiTenant
{
    /// <example>acme</example>
    public required string Name { get; init; }

    /// <example>https://acme.odoo.com/</example>
    public Uri? OdooUrl { get; init; }

    /// <example>acme-prod</example>
    public required string OdooDatabase { get; init; }

    /// <summary>Models anchored for the tenant.</summary>
    /// <example>["stock.picking","mrp.production"]</example>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Whether webhooks are accepted (a secret is configured); without, the tenant is polled only.</summary>
    /// <example>true</example>
    public required bool WebhooksEnabled { get; init; }

    internal static ApiTenant Of(string name, TenantOptions t) => new()
    {
        Name = name,
        OdooUrl = t.Odoo.Url,
        OdooDatabase = t.Odoo.Database,
        Models = [.. t.EnabledModels().Keys],
        WebhooksEnabled = !string.IsNullOrEmpty(t.Webhook.Secret),
    };
}
