using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>Filters and paging of <c>GET /api/records</c>.</summary>
internal sealed class ApiRecordListQuery : IApiValidatable
{
    /// <summary>Only this tenant.</summary>
    /// <example>acme</example>
    [FromQuery(Name = "tenant")]
    public string? Tenant { get; init; }

    /// <summary>Only this Odoo model.</summary>
    /// <example>stock.picking</example>
    [FromQuery(Name = "model")]
    public string? Model { get; init; }

    /// <summary>Only this status: pending, ingested, anchored, failed, dead or skipped.</summary>
    /// <example>failed</example>
    [FromQuery(Name = "status")]
    public string? Status { get; init; }

    /// <summary>Rows whose <c>dateField</c> is at or after this instant (ISO 8601).</summary>
    /// <example>2026-12-01T00:00:00Z</example>
    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    /// <summary>Rows whose <c>dateField</c> is before this instant (ISO 8601).</summary>
    /// <example>2026-12-04T00:00:00Z</example>
    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }

    /// <summary>Which timestamp from/to apply to: updated (default), created, ingested or anchored.</summary>
    /// <example>updated</example>
    [FromQuery(Name = "dateField")]
    public string? DateField { get; init; }

    /// <summary>Only the record with this business reference (e.g. a picking name).</summary>
    /// <example>WH/OUT/00042</example>
    [FromQuery(Name = "recordId")]
    public string? RecordId { get; init; }

    /// <summary>1-based page number (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>Rows per page, 1 to 500 (default 50).</summary>
    /// <example>50</example>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    public Dictionary<string, string[]> Validate(ApiValidationContext context)
    {
        var errors = new ApiErrors();
        errors.AddIf(Tenant is not null && !context.Tenants.TryFind(Tenant, out _, out _), "tenant", $"No tenant '{Tenant}' is configured.");
        errors.AddIf(Model is not null && !ModelCatalog.IsSupported(Model), "model", $"Unknown model '{Model}'; expected one of {string.Join(", ", ModelCatalog.Supported)}.");
        errors.AddIf(Status is not null && !LedgerStatusText.TryParse(Status, out _), "status", "Expected one of pending, ingested, anchored, failed, dead, skipped.");
        errors.AddIf(DateField is not null && ParseDateField(DateField) is null, "dateField", "Expected one of created, updated, ingested, anchored.");
        errors.AddIf(From is not null && To is not null && From >= To, "to", "'to' must be after 'from'.");
        errors.AddIf(Page is < 1, "page", "Pages start at 1.");
        errors.AddIf(PageSize is < 1 or > LedgerQuery.MaxPageSize, "pageSize", $"Between 1 and {LedgerQuery.MaxPageSize}.");
        return errors.ToDictionary();
    }

    public LedgerQuery ToLedgerQuery(string? canonicalTenant)
    {
        LedgerStatus? status = LedgerStatusText.TryParse(Status, out var s) ? s : null;
        return new LedgerQuery(
            Tenant: canonicalTenant,
            Model: Model,
            Status: status,
            From: From,
            To: To,
            DateField: ParseDateField(DateField) ?? LedgerDateField.Updated,
            RecordId: RecordId,
            Page: Page ?? 1,
            PageSize: PageSize ?? 50);
    }

    private static LedgerDateField? ParseDateField(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "updated" => LedgerDateField.Updated,
        "created" => LedgerDateField.Created,
        "ingested" => LedgerDateField.Ingested,
        "anchored" => LedgerDateField.Anchored,
        _ => null,
    };
}

/// <summary>Body of <c>POST /api/records/retry</c>: which rows to put back to pending.</summary>
internal sealed record ApiRetryRequest : IApiValidatable
{
    private static readonly LedgerStatus[] Retryable = [LedgerStatus.Failed, LedgerStatus.Dead, LedgerStatus.Skipped];

    /// <summary>Only this tenant (default: all).</summary>
    /// <example>acme</example>
    public string? Tenant { get; init; }

    /// <summary>Only this model (default: all).</summary>
    /// <example>stock.picking</example>
    public string? Model { get; init; }

    /// <summary>Which statuses to retry: failed, dead and/or skipped (default: failed and dead).</summary>
    /// <example>["failed","dead"]</example>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Only these ledger ids (default: every matching row).</summary>
    /// <example>null</example>
    public IReadOnlyList<long>? Ids { get; init; }

    public Dictionary<string, string[]> Validate(ApiValidationContext context)
    {
        var errors = new ApiErrors();
        errors.AddIf(Tenant is not null && !context.Tenants.TryFind(Tenant, out _, out _), "tenant", $"No tenant '{Tenant}' is configured.");
        errors.AddIf(Model is not null && !ModelCatalog.IsSupported(Model), "model", $"Unknown model '{Model}'; expected one of {string.Join(", ", ModelCatalog.Supported)}.");
        foreach (var text in Statuses ?? [])
        {
            errors.AddIf(!LedgerStatusText.TryParse(text, out var status) || !Retryable.Contains(status), "statuses", $"'{text}' cannot be retried; expected failed, dead or skipped.");
        }

        errors.AddIf(Statuses is { Count: 0 }, "statuses", "Give at least one status, or leave it out for failed and dead.");
        errors.AddIf(Ids is { Count: > 10_000 }, "ids", "At most 10000 ids per call.");
        return errors.ToDictionary();
    }

    public RetryRequest ToLedgerRequest(string? canonicalTenant) => new(
        Tenant: canonicalTenant,
        Model: Model,
        Ids: Ids,
        Statuses: Statuses is null ? [LedgerStatus.Failed, LedgerStatus.Dead] : [.. Statuses.Select(ParseValidated)]);

    private static LedgerStatus ParseValidated(string text) =>
        LedgerStatusText.TryParse(text, out var status) ? status : throw new ArgumentException($"Unknown status '{text}'.", nameof(text));
}

/// <summary>Body of <c>POST /api/tenants/{tenant}/backfill</c>.</summary>
internal sealed record ApiBackfillRequest : IApiValidatable
{
    /// <summary>Odoo model to backfill (must be enabled for the tenant).</summary>
    /// <example>stock.picking</example>
    public string? Model { get; init; }

    /// <summary>Start of the range of Odoo's write_date (inclusive; Odoo gives write_date to the second, and that value is compared).</summary>
    /// <example>2026-11-01T00:00:00Z</example>
    public DateTimeOffset? From { get; init; }

    /// <summary>End of the range of Odoo's write_date (exclusive).</summary>
    /// <example>2026-12-01T00:00:00Z</example>
    public DateTimeOffset? To { get; init; }

    public Dictionary<string, string[]> Validate(ApiValidationContext context)
    {
        var errors = new ApiErrors();
        if (string.IsNullOrWhiteSpace(Model))
        {
            errors.Add("model", "Required.");
        }
        else if (!ModelCatalog.IsSupported(Model))
        {
            errors.Add("model", $"Unknown model '{Model}'; expected one of {string.Join(", ", ModelCatalog.Supported)}.");
        }
        else if (context.RouteTenant is { } tenant && !ApiTenantDirectory.IsEnabled(tenant, Model))
        {
            errors.Add("model", $"'{Model}' is not enabled for this tenant (Tenants:{{name}}:Models).");
        }

        errors.AddIf(From is null, "from", "Required.");
        errors.AddIf(To is null, "to", "Required.");
        errors.AddIf(From is not null && To is not null && From >= To, "to", "'to' must be after 'from'.");
        return errors.ToDictionary();
    }
}

/// <summary>Paging of <c>GET /api/backfills</c>.</summary>
internal sealed class ApiBackfillListQuery : IApiValidatable
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 200;

    /// <summary>How many backfills, newest first (1 to 200, default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    public Dictionary<string, string[]> Validate(ApiValidationContext context)
    {
        var errors = new ApiErrors();
        errors.AddIf(Limit is < 1 or > MaxLimit, "limit", $"Between 1 and {MaxLimit}.");
        return errors.ToDictionary();
    }
}
