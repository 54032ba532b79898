using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertyoOdoo.Web.Endpoints;

/// <summary><c>GET .../audit</c>: does the record in Odoo still match what was anchored?</summary>
internal static class ApiAuditEndpoint
{
    /// <summary>Re-reads the record from Odoo and says whether it still matches what was anchored.</summary>
    /// <remarks>
    /// Recomputes the canonical payload hash with the service's mapping and compares it with the hash
    /// last accepted by Certyo; when they differ, names the fields that changed against the version Certyo
    /// stored (verdict changed). Also gives Certyo's verify answer for the record. Changes nothing.
    /// </remarks>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="model" example="stock.picking">Odoo model.</param>
    /// <param name="id" example="1187">The record's id in Odoo.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="auditor">Re-reads and re-hashes the record.</param>
    /// <param name="registry">The tenant's Certyo client.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">The verdict, both hashes and Certyo's answer.</response>
    /// <response code="404">Unknown tenant, model or record (a record never seen by the service is not in the ledger).</response>
    /// <response code="502">Odoo could not be read.</response>
    internal static async Task<Results<Ok<ApiAudit>, ProblemHttpResult>> AuditAsync(
        string tenant, string model, int id, ApiTenantDirectory tenants, ILedgerAdmin ledger, [FromServices] IRecordAuditor auditor, TenantRegistry registry, CancellationToken cancellationToken)
    {
        var (entry, problem) = await ApiRecordEndpoints.FindAsync(tenant, model, id, tenants, ledger, cancellationToken);
        if (entry is null)
        {
            return problem!;
        }

        AuditResult? audit;
        try
        {
            audit = await auditor.AuditAsync(entry.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ApiUpstream.OdooFailed(ex);
        }

        if (audit is null)
        {
            return ApiTenantDirectory.UnknownRecord(tenant, model, id);
        }

        var (certyo, certyoError) = await AskCertyoAsync(registry, entry, cancellationToken);
        return TypedResults.Ok(ApiAudit.Of(ApiRecord.Of(entry), audit, certyo, certyoError));
    }

    /// <summary>Certyo's verify answer; a Certyo failure is reported in the audit rather than failing it.</summary>
    private static async Task<(ApiCertyoVerification? Answer, string? Error)> AskCertyoAsync(
        TenantRegistry registry, LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.RecordId is null || entry.Version == 0)
        {
            return (null, null);
        }

        try
        {
            var tenantId = registry.Get(entry.Tenant).Certyo.TenantId;
            var answer = await registry.Certyo(entry.Tenant).VerifyAsync(
                new VerifyRequest(tenantId, MappedRecord.Database, entry.Model, entry.RecordId), cancellationToken);
            return (answer is null ? null : ApiCertyoVerification.Of(answer), answer is null ? "Certyo does not know the record." : null);
        }
        catch (CertyoException ex)
        {
            return (null, $"Certyo call failed: {ex.Message}");
        }
    }
}
