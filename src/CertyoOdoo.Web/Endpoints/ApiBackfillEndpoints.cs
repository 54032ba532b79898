using CertyoOdoo.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>Backfills: put every done record of a model over a date range into the ledger, in batches.</summary>
internal static class ApiBackfillEndpoints
{
    public static RouteGroupBuilder MapApiBackfills(this RouteGroupBuilder api)
    {
        api.MapPost("/tenants/{tenant}/backfill", StartAsync).WithTags("Backfills").WithName("StartBackfill").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var backfills = api.MapGroup("/backfills").WithTags("Backfills");
        backfills.MapGet("", ListAsync).WithName("ListBackfills").ProducesValidationProblem();
        backfills.MapGet("/{id:long}", GetAsync).WithName("GetBackfill").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Starts a backfill of one model over a range of Odoo's write_date.</summary>
    /// <remarks>
    /// A job pages through Odoo's done records in the range (by write_date, id) and puts each in the
    /// ledger: new records as pending, known ones to be re-checked; the ingest then sends what changed.
    /// Poll <c>GET /api/backfills/{id}</c> for progress: pages read, records found, and how many of them are done.
    /// </remarks>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="request">Model and range.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="backfills">The backfill service.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="202">Started; the body and Location give the backfill to poll.</response>
    /// <response code="400">Model or range not valid.</response>
    /// <response code="404">Unknown tenant.</response>
    internal static async Task<Results<Accepted<ApiBackfill>, ProblemHttpResult>> StartAsync(
        string tenant, ApiBackfillRequest request, ApiTenantDirectory tenants, [FromServices] IBackfillService backfills, CancellationToken cancellationToken)
    {
        if (!tenants.TryFind(tenant, out var canonical, out _))
        {
            return ApiTenantDirectory.UnknownTenant(tenant);
        }

        var run = await backfills.StartAsync(canonical, request.Model!, request.From!.Value, request.To!.Value, cancellationToken);
        return TypedResults.Accepted($"/api/backfills/{run.Id}", ApiBackfill.Of(run));
    }

    /// <summary>One backfill and its progress.</summary>
    /// <remarks>
    /// <c>state</c>, <c>batches</c>, <c>found</c> and <c>queued</c> follow the paging through Odoo; <c>pending</c>,
    /// <c>ingested</c>, <c>anchored</c>, <c>skipped</c> and <c>dead</c> count the found records by where their
    /// ledger rows stand now (<c>found = pending + done</c>), so the backfill is complete when <c>state</c> is
    /// done and <c>percentDone</c> is 100.
    /// </remarks>
    /// <param name="id" example="7">Backfill id, as returned when it was started.</param>
    /// <param name="backfills">The backfill service.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">State, counts so far and the found records by status.</response>
    /// <response code="404">Unknown backfill.</response>
    internal static async Task<Results<Ok<ApiBackfill>, ProblemHttpResult>> GetAsync(
        long id, [FromServices] IBackfillService backfills, CancellationToken cancellationToken)
    {
        var run = await backfills.GetAsync(id, cancellationToken);
        if (run is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown backfill", detail: $"No backfill {id}.");
        }

        return TypedResults.Ok(ApiBackfill.Of(run));
    }

    /// <summary>Recent backfills, newest first.</summary>
    /// <param name="query">How many.</param>
    /// <param name="backfills">The backfill service.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">The backfills.</response>
    /// <response code="400">Limit out of range.</response>
    internal static async Task<Ok<IReadOnlyList<ApiBackfill>>> ListAsync(
        [AsParameters] ApiBackfillListQuery query, [FromServices] IBackfillService backfills, CancellationToken cancellationToken)
    {
        var runs = await backfills.ListAsync(query.Limit ?? ApiBackfillListQuery.DefaultLimit, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiBackfill>>([.. runs.Select(ApiBackfill.Of)]);
    }
}
