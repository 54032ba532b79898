using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertyoOdoo.Web.Hosting;

/// <summary>The ledger database answers a trivial query.</summary>
internal sealed class HealthLedgerCheck(LedgerDatabase database, HealthResultCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync("ledger", async ct =>
        {
            await using var connection = await database.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy(database.IsPostgres ? "PostgreSQL answered." : "SQLite answered.");
        }, cancellationToken);
}
