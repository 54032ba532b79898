using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>One Odoo record as the service tracks it (a ledger row).</summary>
internal sealed record ApiRecord
{
    /// <summary>Ledger id.</summary>
    /// <example>42</example>
    public required long Id { get; init; }

    /// <summary>Tenant name, as configured under Tenants:{name}.</summary>
    /// <example>acme</example>
    public required string Tenant { get; init; }

    /// <summary>Odoo model.</summary>
    /// <example>stock.picking</example>
    public required string Model { get; init; }

    /// <summary>The record's id in Odoo.</summary>
    /// <example>1187</example>
    public required int OdooId { get; init; }

    /// <summary>The business reference sent to Certyo (null until the record was first read).</summary>
    /// <example>WH/OUT/00042</example>
    public string? RecordId { get; init; }

    /// <summary>pending, ingested, anchored, failed (retrying), dead (needs a person) or skipped (never became done).</summary>
    /// <example>anchored</example>
    public required string Status { get; init; }

    /// <summary>Record version last accepted by Certyo (0 = never sent).</summary>
    /// <example>1</example>
    public int Version { get; init; }

    /// <summary>SHA-256 of the canonical payload last accepted by Certyo.</summary>
    /// <example>9f2b5c0d1e8a4f3b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b</example>
    public string? PayloadHash { get; init; }

    /// <summary>Certyo's recordHash of the last accepted version.</summary>
    /// <example>0x5e1f7a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7</example>
    public string? RecordHash { get; init; }

    /// <summary>Idempotency key of the last accepted version.</summary>
    /// <example>stock.picking:WH/OUT/00042:v1</example>
    public string? IdempotencyKey { get; init; }

    /// <summary>Failed attempts since the last success.</summary>
    /// <example>0</example>
    public int Attempts { get; init; }

    /// <summary>Last failure (never holds secrets).</summary>
    /// <example>null</example>
    public string? LastError { get; init; }

    /// <summary>When the next ingest attempt is due (pending, failed).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Status last written back to Odoo's x_certyo_anchor_status field.</summary>
    /// <example>anchored</example>
    public string? OdooStatus { get; init; }

    /// <summary>When the service first heard of the record.</summary>
    /// <example>2026-12-03T09:15:02Z</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change of the row.</summary>
    /// <example>2026-12-03T09:16:40Z</example>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When Certyo last accepted a version.</summary>
    /// <example>2026-12-03T09:15:03Z</example>
    public DateTimeOffset? IngestedAt { get; init; }

    /// <summary>When Certyo anchored it.</summary>
    /// <example>2026-12-03T09:16:31Z</example>
    public DateTimeOffset? AnchoredAt { get; init; }

    /// <summary>When the next verification is due (ingested).</summary>
    public DateTimeOffset? VerifyDueAt { get; init; }

    /// <summary>Merkle root of the anchoring batch, once anchored.</summary>
    /// <example>0x8d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e</example>
    public string? MerkleRoot { get; init; }

    internal static ApiRecord Of(LedgerEntry e) => new()
    {
        Id = e.Id,
        Tenant = e.Tenant,
        Model = e.Model,
        OdooId = e.OdooId,
        RecordId = e.RecordId,
        Status = e.Status.ToText(),
        Version = e.Version,
        PayloadHash = e.PayloadHash,
        RecordHash = e.RecordHash,
        IdempotencyKey = e.IdempotencyKey,
        Attempts = e.Attempts,
        LastError = e.LastError,
        NextAttemptAt = e.NextAttemptAt,
        OdooStatus = e.OdooStatus,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        IngestedAt = e.IngestedAt,
        AnchoredAt = e.AnchoredAt,
        VerifyDueAt = e.VerifyDueAt,
        MerkleRoot = e.MerkleRoot,
    };
}

/// <summary>One status transition of a record.</summary>
internal sealed record ApiRecordTransition
{
    /// <example>2026-12-03T09:15:03Z</example>
    public required DateTimeOffset At { get; init; }

    /// <summary>Status before (null for the row's creation).</summary>
    /// <example>pending</example>
    public string? From { get; init; }

    /// <example>ingested</example>
    public required string To { get; init; }

    /// <summary>Why, in a few words.</summary>
    /// <example>accepted by Certyo as v1</example>
    public string? Detail { get; init; }

    internal static ApiRecordTransition Of(LedgerHistoryEntry h) => new()
    {
        At = h.At,
        From = h.FromStatus?.ToText(),
        To = h.ToStatus.ToText(),
        Detail = h.Detail,
    };
}

/// <summary>A record with its history, oldest transition first.</summary>
internal sealed record ApiRecordDetails
{
    public required ApiRecord Record { get; init; }

    public required IReadOnlyList<ApiRecordTransition> History { get; init; }
}

/// <summary>One page of records, newest update first.</summary>
internal sealed record ApiRecordPage
{
    public required IReadOnlyList<ApiRecord> Items { get; init; }

    /// <summary>Rows matching the filters, all pages together.</summary>
    /// <example>1234</example>
    public required long Total { get; init; }

    /// <example>1</example>
    public required int Page { get; init; }

    /// <example>50</example>
    public required int PageSize { get; init; }
}

/// <summary>Row counts per status.</summary>
internal sealed record ApiStatusCounts
{
    /// <summary>Tenant the counts are for (null = all tenants).</summary>
    /// <example>acme</example>
    public string? Tenant { get; init; }

    /// <summary>Count per status, every status present.</summary>
    /// <example>{"pending":3,"ingested":12,"anchored":950,"failed":1,"dead":0,"skipped":4}</example>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }
}
