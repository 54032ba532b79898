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

        var expected = await DescribeAsync(byInstaller);
        Assert.Contains(expected, line => line.StartsWith("table job ", StringComparison.Ordinal));
        Assert.Equal(expected, await DescribeAsync(byStep));
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

        var description = await DescribeAsync(db);
        Assert.Contains(description, line => line.Contains("ix_hangfire_job_statename_is_not_null", StringComparison.Ordinal));
        Assert.Contains("version 23", description);
    }

    /// <summary>Every column, index, constraint, sequence and the recorded version of schema hangfire, sorted.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql =
            """
            SELECT 'table ' || table_name || ' ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
              FROM information_schema.columns WHERE table_schema = 'hangfire'
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'hangfire'
            UNION ALL
            SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'hangfire'
            UNION ALL
            SELECT 'sequence ' || sequence_name || ' ' || data_type || ' ' || maximum_value::text
              FROM information_schema.sequences WHERE sequence_schema = 'hangfire'
            UNION ALL
            SELECT 'replica ' || c.relname || ' ' || c.relreplident::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'hangfire' AND c.relkind = 'r'
            UNION ALL
            SELECT 'version ' || "version"::text FROM hangfire."schema"
            """;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
