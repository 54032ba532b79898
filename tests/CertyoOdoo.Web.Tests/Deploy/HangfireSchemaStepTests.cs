using CertyoOdoo.Testing;
using Hangfire.PostgreSql;
using Npgsql;

namespace CertyoOdoo.Web.Tests.Deploy;

/// <summary>
/// The schema step (deploy/schema/apply.sh with hangfire.sql) must leave the database exactly as
/// Hangfire.PostgreSql's own installer does, or the service would meet tables it does not expect
/// when it runs with Storage:MigrateOnStart=false.
/// </summary>
public sealed class HangfireSchemaStepTests
{
    // Hangfire's log provider is static: a service host that ran earlier in this process left its own,
    // whose LoggerFactory is disposed by now. The installer must not log through it.
    public HangfireSchemaStepTests() => Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

    [Fact]
    public async Task Schema_step_creates_what_the_package_installer_creates()
    {
        var byInstaller = await TestPostgres.CreateDatabaseAsync("hf_installer");
        var byStep = await TestPostgres.CreateDatabaseAsync("hf_step");
        await using (var conn = new NpgsqlConnection(byInstaller))
        {
            await conn.OpenAsync();
            PostgreSqlObjectsInstaller.Install(conn);
        }

        var (exit, output) = await PostgresShell.RunAsync("deploy/schema/apply.sh", [PostgresShell.ToUri(byStep)]);
        Assert.True(exit == 0, output);

        var expected = await SchemaDescription.OfAsync(byInstaller, "hangfire");
        Assert.Contains(expected, line => line.StartsWith("table job ", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaDescription.OfAsync(byStep, "hangfire"));
    }

    [Fact]
    public async Task Schema_step_upgrades_an_older_installation_and_is_safe_to_repeat()
    {
        var db = await TestPostgres.CreateDatabaseAsync("hf_upgrade");
        var uri = PostgresShell.ToUri(db);
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            PostgreSqlObjectsInstaller.Install(conn);

            // Pretend the last upgrade never ran: its index gone, the version one back.
            await using var cmd = new NpgsqlCommand(
                """
                DROP INDEX hangfire.ix_hangfire_job_statename_is_not_null;
                UPDATE hangfire."schema" SET "version" = "version" - 1;
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }

        for (var run = 0; run < 2; run++)
        {
            var (exit, output) = await PostgresShell.RunAsync("deploy/schema/apply.sh", [uri]);
            Assert.True(exit == 0, output);
        }

        var description = await SchemaDescription.OfAsync(db, "hangfire");
        Assert.Contains(description, line => line.Contains("ix_hangfire_job_statename_is_not_null", StringComparison.Ordinal));
        Assert.Contains("version 23", description);
    }
}
