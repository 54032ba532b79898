using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>
/// Inserts many rows with one statement: the rows travel as one JSON array parameter and SQLite unpacks them with
/// json_each. Row-at-a-time commands cost more in per-statement overhead than SQLite spends storing the rows, and
/// multi-row VALUES with hundreds of named parameters bind in quadratic time.
/// </summary>
internal sealed class SqliteRowWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _rows;

    public SqliteRowWriter(SqliteConnection db, string table, IReadOnlyList<string> columns, bool replace = false)
    {
        var select = string.Join(", ", columns.Select((_, i) => $"value ->> {i}"));
        _command = db.CreateCommand();
        _command.CommandText = $"INSERT {(replace ? "OR REPLACE " : "")}INTO {table} ({string.Join(", ", columns)}) SELECT {select} FROM json_each($rows)";
        _rows = _command.Parameters.Add(new SqliteParameter("$rows", SqliteType.Text));
    }

    public void Write(IReadOnlyList<object?[]> rows, SqliteTransaction tx)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(rows.Count * 512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartArray();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: json.WriteNullValue(); break;
                        case long number: json.WriteNumberValue(number); break;
                        case string text: json.WriteStringValue(text); break;
                        default: throw new ArgumentException($"Unsupported column type {value.GetType().Name}.", nameof(rows));
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        _rows.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
        _command.Transaction = tx;
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
