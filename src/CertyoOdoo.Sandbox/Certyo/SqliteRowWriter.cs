using Microsoft.Data.Sqlite;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>
/// Inserts rows with one prepared single-row statement whose parameters are held by reference. Measured on 1,000-row
/// bulks: about 3x cheaper than unpacking a JSON array with json_each, and far cheaper than multi-row VALUES with
/// hundreds of named parameters (those bind in quadratic time).
/// </summary>
internal sealed class SqliteRowWriter : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public SqliteRowWriter(SqliteConnection db, string table, IReadOnlyList<string> columns, bool replace = false)
    {
        _command = db.CreateCommand();
        _command.CommandText = $"INSERT {(replace ? "OR REPLACE " : "")}INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        _parameters = [.. columns.Select(c => _command.Parameters.Add(new SqliteParameter("$" + c, null)))];
    }

    public void Write(IReadOnlyList<object?[]> rows, SqliteTransaction tx)
    {
        _command.Transaction = tx;
        foreach (var row in rows)
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                _parameters[i].Value = row[i] ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _command.Dispose();
}
