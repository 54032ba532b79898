using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Web.Endpoints;

/// <summary><c>/api/records</c> and <c>/api/tenants/{tenant}/records/{model}/{id}</c>: the ledger, one record, and actions on it.</summary>
internal static class ApiRecordEndpoints
{
    public static RouteGroupBuilder MapApiRecords(this RouteGroupBuilder api)
    {
        var records = api.MapGroup("/records").WithTags("Records");
        records.MapGet("", ListAsync).WithName("ListRecords").ProducesValidationProblem();
        records.MapGet("/counts", CountsAsync).WithName("CountRecords").ProducesProblem(StatusCodes.Status404NotFound);
        records.MapPost("/retry", RetryAsync).WithName("RetryRecords").ProducesValidationProblem();

        var one = api.MapGroup("/tenants/{tenant}/records/{model}/{id:int}").WithTags("Records");
        one.MapGet("", GetAsync).WithName("GetRecord").ProducesProblem(StatusCodes.Status404NotFound);
        one.MapPost("/resync", ResyncAsync).WithName("ResyncRecord").ProducesProblem(StatusCodes.Status404NotFound);
        one.MapPost("/verify", VerifyAsync).WithName("VerifyRecord").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        one.MapGet("/audit", ApiAuditEndpoint.AuditAsync).WithName("AuditRecord").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    /// <summary>Lists ledger rows, newest update first, filtered and paged.</summary>
    /// <response code="200">One page of rows.</response>
    /// <response code="400">A filter is not valid (each one named).</response>
    internal static async Task<Ok<ApiRecordPage>> ListAsync(
        [AsParameters] ApiRecordListQuery query, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        tenants.TryFind(query.Tenant, out var tenant, out _);
        var page = await ledger.ListAsync(query.ToLedgerQuery(tenant), cancellationToken);
        return TypedResults.Ok(new ApiRecordPage
        {
            Items = [.. page.Items.Select(ApiRecord.Of)],
            Total = page.Total,
            Page = page.Page,
            PageSize = page.PageSize,
        });
    }

    /// <summary>Counts ledger rows per status, for one tenant or all.</summary>
    /// <param name="tenant" example="acme">Only this tenant (default: all).</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">Every status with its count.</response>
    internal static async Task<Results<Ok<ApiStatusCounts>, ProblemHttpResult>> CountsAsync(
        string? tenant, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        string? canonical = null;
        if (tenant is not null && !tenants.TryFind(tenant, out canonical, out _))
        {
            return ApiTenantDirectory.UnknownTenant(tenant);
        }

        var counts = await ledger.CountByStatusAsync(canonical, cancellationToken);
        return TypedResults.Ok(new ApiStatusCounts
        {
            Tenant = canonical,
            Counts = counts.ToDictionary(c => c.Key.ToText(), c => c.Value, StringComparer.Ordinal),
        });
    }

    /// <summary>Puts failed and dead rows (or the statuses given) back to pending, due now.</summary>
    /// <remarks>The ingest job picks them up within a dispatcher tick. Filters combine (tenant AND model AND ids).</remarks>
    /// <response code="200">How many rows were put back.</response>
    /// <response code="400">A field is not valid (each one named).</response>
    internal static async Task<Ok<ApiRetryResult>> RetryAsync(
        ApiRetryRequest request, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        tenants.TryFind(request.Tenant, out var tenant, out _);
        var count = await ledger.RetryAsync(request.ToLedgerRequest(tenant), cancellationToken);
        return TypedResults.Ok(new ApiRetryResult { Count = count });
    }

    /// <summary>One record with its history of status transitions.</summary>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="model" example="stock.picking">Odoo model.</param>
    /// <param name="id" example="1187">The record's id in Odoo.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">The record and its transitions, oldest first.</response>
    /// <response code="404">Unknown tenant, model or record.</response>
    internal static async Task<Results<Ok<ApiRecordDetails>, ProblemHttpResult>> GetAsync(
        string tenant, string model, int id, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        var (entry, problem) = await FindAsync(tenant, model, id, tenants, ledger, cancellationToken);
        if (entry is null)
        {
            return problem!;
        }

        var details = await ledger.GetAsync(entry.Id, cancellationToken);
        if (details is null)
        {
            return ApiTenantDirectory.UnknownRecord(tenant, model, id);
        }

        return TypedResults.Ok(new ApiRecordDetails
        {
            Record = ApiRecord.Of(details.Entry),
            History = [.. details.History.Select(ApiRecordTransition.Of)],
        });
    }

    /// <summary>Re-reads the record from Odoo and sends it to Certyo again if it changed (or for the first time).</summary>
    /// <remarks>
    /// What the Odoo module's "Resync to Certyo" button calls. Creates the ledger row when the service
    /// never heard of the record. An unchanged record is not sent again; a changed one goes as the next version.
    /// </remarks>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="model" example="stock.picking">Odoo model (must be enabled for the tenant).</param>
    /// <param name="id" example="1187">The record's id in Odoo.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="202">Queued: the row as it stands now (pending).</response>
    /// <response code="404">Unknown tenant, or a model the tenant does not anchor.</response>
    internal static async Task<Results<Accepted<ApiRecord>, ProblemHttpResult>> ResyncAsync(
        string tenant, string model, int id, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        if (!tenants.TryFind(tenant, out var canonical, out var options))
        {
            return ApiTenantDirectory.UnknownTenant(tenant);
        }

        if (!ApiTenantDirectory.IsEnabled(options, model))
        {
            return ApiTenantDirectory.UnknownModel(canonical, model);
        }

        var entry = await ledger.ResyncAsync(canonical, model, id, cancellationToken);
        return TypedResults.Accepted(RecordPath(canonical, model, id), ApiRecord.Of(entry));
    }

    /// <summary>Makes the record's verification due now (instead of waiting for its backoff).</summary>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="model" example="stock.picking">Odoo model.</param>
    /// <param name="id" example="1187">The record's id in Odoo.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="202">Verification queued; GET the record to see the outcome.</response>
    /// <response code="404">Unknown tenant, model or record.</response>
    /// <response code="409">The record is not waiting for its anchor (only ingested rows are verified).</response>
    internal static async Task<Results<Accepted<ApiRecord>, ProblemHttpResult>> VerifyAsync(
        string tenant, string model, int id, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        var (entry, problem) = await FindAsync(tenant, model, id, tenants, ledger, cancellationToken);
        if (entry is null)
        {
            return problem!;
        }

        if (!await ledger.VerifyNowAsync(entry.Id, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not awaiting verification",
                detail: $"The record is {entry.Status.ToText()}; only ingested records are verified. Resync or retry it instead.");
        }

        var now = await ledger.FindAsync(entry.Tenant, model, id, cancellationToken) ?? entry;
        return TypedResults.Accepted(RecordPath(entry.Tenant, model, id), ApiRecord.Of(now));
    }

    internal static string RecordPath(string tenant, string model, int id) =>
        $"/api/tenants/{Uri.EscapeDataString(tenant)}/records/{Uri.EscapeDataString(model)}/{id}";

    /// <summary>The ledger row of a record named in the route, or the 404 that explains why not.</summary>
    internal static async Task<(LedgerEntry? Entry, ProblemHttpResult? Problem)> FindAsync(
        string tenant, string model, int id, ApiTenantDirectory tenants, ILedgerAdmin ledger, CancellationToken cancellationToken)
    {
        if (!tenants.TryFind(tenant, out var canonical, out _))
        {
            return (null, ApiTenantDirectory.UnknownTenant(tenant));
        }

        if (!ModelCatalog.IsSupported(model))
        {
            return (null, ApiTenantDirectory.UnknownModel(canonical, model));
        }

        var entry = await ledger.FindAsync(canonical, model, id, cancellationToken);
        return entry is null ? (null, ApiTenantDirectory.UnknownRecord(canonical, model, id)) : (entry, null);
    }
}
