using System.Diagnostics;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Web.Tests.Deploy;

/// <summary>
/// The schema step's ledger part (deploy/schema/apply.sh over the service's migration scripts) must leave
/// the same tables as the service's own migrator (<c>CertyoOdoo.Web.dll --migrate</c>), and each must accept
/// the other's work: the step after the service, and the service after the step, change nothing.
/// </summary>
public sealed class LedgerSchemaStepTests
{
    [Fact]
    public async Task Schema_step_and_service_migrator_build_the_same_ledger()
    {
        var byService = await TestPostgres.CreateDatabaseAsync("ledger_service");
        var byStep = await TestPostgres.CreateDatabaseAsync("ledger_step");

        await MigrateWithServiceAsync(byService);
        var (exit, output) = await PostgresShell.RunAsync("deploy/schema/apply.sh", [PostgresShell.ToUri(byStep)]);
        Assert.True(exit == 0, output);

        var expected = await SchemaDescription.OfAsync(byService, "public");
        Assert.Contains(expected, line => line.StartsWith("table ledger_records ", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaDescription.OfAsync(byStep, "public"));

        // Each on top of the other: nothing applied twice, nothing failing.
        (exit, output) = await PostgresShell.RunAsync("deploy/schema/apply.sh", [PostgresShell.ToUri(byService)]);
        Assert.True(exit == 0, output);
        await MigrateWithServiceAsync(byStep);
        Assert.Equal(expected, await SchemaDescription.OfAsync(byService, "public"));
        Assert.Equal(expected, await SchemaDescription.OfAsync(byStep, "public"));
    }

    private static async Task MigrateWithServiceAsync(string connectionString)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(AppProcess.LocateBuiltApp("CertyoOdoo.Web"));
        psi.ArgumentList.Add("--migrate");
        psi.Environment["Storage__Provider"] = "postgres";
        psi.Environment["ConnectionStrings__Ledger"] = connectionString;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stdout + await stderr);
    }
}
