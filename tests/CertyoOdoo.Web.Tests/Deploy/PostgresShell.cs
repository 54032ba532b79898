using System.Diagnostics;
using Npgsql;

namespace CertyoOdoo.Web.Tests.Deploy;

/// <summary>Runs the deploy scripts against a test database, as an operator would from a shell.</summary>
internal static class PostgresShell
{
    /// <summary>libpq's URI for an Npgsql connection string (what psql and deploy/schema/apply.sh take).</summary>
    public static string ToUri(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var auth = string.IsNullOrEmpty(b.Password)
            ? Uri.EscapeDataString(b.Username ?? "postgres")
            : $"{Uri.EscapeDataString(b.Username ?? "postgres")}:{Uri.EscapeDataString(b.Password)}";
        return $"postgresql://{auth}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database ?? "postgres")}";
    }

    /// <summary>Runs a bash script of the repository with arguments; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string script, IEnumerable<string> args, IDictionary<string, string>? env = null, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        psi.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, script));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
