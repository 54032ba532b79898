using Npgsql;

namespace CertyoOdoo.Web.Tests.Deploy;

/// <summary>A database schema as sorted lines (columns, indexes, constraints, sequences, replica identity), to compare two.</summary>
internal static class SchemaDescription
{
    public static async Task<List<string>> OfAsync(string connectionString, string schema)
    {
        const string sql =
            """
            SELECT 'table ' || table_name || ' ' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                   || coalesce(column_default, '') || ' ' || is_identity || ' ' || coalesce(identity_generation, '')
              FROM information_schema.columns WHERE table_schema = @schema
            UNION ALL
            SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = @schema
            UNION ALL
            SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = @schema
            UNION ALL
            SELECT 'sequence ' || sequence_name || ' ' || data_type || ' ' || maximum_value::text
              FROM information_schema.sequences WHERE sequence_schema = @schema
            UNION ALL
            SELECT 'replica ' || c.relname || ' ' || c.relreplident::text
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relkind = 'r'
            """;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("schema", schema);
        var lines = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        lines.AddRange(await VersionsAsync(conn, schema));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The recorded schema versions: Hangfire's one row, or the ledger's applied migrations.</summary>
    private static async Task<List<string>> VersionsAsync(NpgsqlConnection conn, string schema)
    {
        var sql = schema == "hangfire"
            ? """SELECT 'version ' || "version"::text FROM hangfire."schema" """
            : "SELECT 'migration ' || version::text || ' ' || name FROM ledger_schema_versions";
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
