using Npgsql;

namespace CertyoOdoo.Testing;

/// <summary>
/// The PostgreSQL server the test command provisions (scripts/test.sh exports CERTYO_TEST_POSTGRES).
/// Each caller gets a fresh database of its own, so tests never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "CERTYO_TEST_POSTGRES";

    /// <summary>The server's connection string, or null when none was provisioned.</summary>
    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable);

    /// <summary>True when tests must not skip PostgreSQL (in CI, the script always provisions it).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var server = ServerConnectionString
            ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set: run the tests through scripts/test.sh, which provisions PostgreSQL.");
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
