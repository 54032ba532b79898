using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Sandbox-only endpoints for the service's tests and the soak harness (no API key).</summary>
internal static class SandboxAdminEndpoints
{
    public static RouteGroupBuilder MapSandboxAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/certyo").WithTags("Sandbox");
        group.MapGet("/stats", Stats).WithName("SandboxCertyoStats")
            .WithSummary("Record and batch counts (sandbox only)")
            .WithDescription("records, batches (holding the tenant's records), anchored and pending (records), duplicates: (collection, recordId, recordVersion) stored more than once. All tenants when tenantId is omitted.");
        group.MapGet("/calls", Calls).WithName("SandboxCertyoCalls")
            .WithSummary("Calls per endpoint, faults injected included (sandbox only)")
            .WithDescription("byStatus \"0\" counts connections dropped after accepting; recent lists the last 500 calls with their times.");
        return group;
    }

    private static Ok<SandboxStats> Stats(CertyoSandboxStore store, string? tenantId) => TypedResults.Ok(store.Stats(tenantId));

    private static Ok<SandboxCallsView> Calls(CertyoSandboxCalls calls) => TypedResults.Ok(calls.Snapshot());
}
