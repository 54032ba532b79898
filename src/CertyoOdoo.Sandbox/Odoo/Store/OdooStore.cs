using System.Globalization;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// The in-memory database. Readers take the read lock; every mutating call runs as one
/// "transaction" under <see cref="TransactionGate"/> and applies its changes under the write lock,
/// so a reader never sees half a transaction (and, on 17/18, sees nothing before it commits).
/// </summary>
internal sealed class OdooStore : IDisposable
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";
    public const string DateFormat = "yyyy-MM-dd";

    private readonly Dictionary<string, ModelTable> _tables = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Dictionary<int, int> _sequences = [];

    public OdooStore(SchemaCatalog catalog)
    {
        Catalog = catalog;
        foreach (var schema in catalog.Models)
        {
            _tables[schema.Name] = new ModelTable(schema);
        }
    }

    public SchemaCatalog Catalog { get; }

    public int Version => Catalog.Version;

    public Inverses Inverses { get; } = new();

    /// <summary>Serializes mutating calls (one transaction at a time, like a row lock on everything).</summary>
    public SemaphoreSlim TransactionGate { get; } = new(1, 1);

    public bool TryTable(string model, out ModelTable table) => _tables.TryGetValue(model, out table!);

    public ModelTable Table(string model) => _tables[model];

    public LockScope ReadLock()
    {
        _lock.EnterReadLock();
        return new LockScope(_lock.ExitReadLock);
    }

    public LockScope WriteLock()
    {
        _lock.EnterWriteLock();
        return new LockScope(_lock.ExitWriteLock);
    }

    /// <summary>The next name in an operation type's sequence, e.g. WH/OUT/00007 (caller holds the gate or the write lock).</summary>
    public string NextName(int pickingType)
    {
        lock (_sequences)
        {
            var next = _sequences.GetValueOrDefault(pickingType) + 1;
            _sequences[pickingType] = next;
            var type = Table("stock.picking.type").Find(pickingType);
            var warehouse = type?.GetValueOrDefault("warehouse_id") is int wh ? Table("stock.warehouse").Find(wh) : null;
            return $"{warehouse?.GetValueOrDefault("code") ?? "WH"}/{type?.GetValueOrDefault("sequence_code") ?? "OUT"}/{next:00000}";
        }
    }

    /// <summary>Creates a row (caller holds the write lock); many2one values feed the one2many index.</summary>
    public int Insert(string model, Dictionary<string, object?> values, int? id = null)
    {
        var table = _tables[model];
        var newId = table.Add(values, id);
        foreach (var (field, value) in values)
        {
            if (value is int parent && Inverses.Tracks(model, field))
            {
                Inverses.Update(model, field, newId, null, parent);
            }
        }

        return newId;
    }

    /// <summary>Sets one stored value (caller holds the write lock).</summary>
    public void Set(string model, int id, string field, object? value)
    {
        var row = _tables[model].Get(id);
        if (Inverses.Tracks(model, field))
        {
            Inverses.Update(model, field, id, row.GetValueOrDefault(field) as int?, value as int?);
        }

        row[field] = value;
        _tables[model].Changed();
    }

    public void Delete(string model, int id)
    {
        var table = _tables[model];
        if (table.Find(id) is not { } row)
        {
            return;
        }

        foreach (var (field, value) in row)
        {
            if (value is int parent && Inverses.Tracks(model, field))
            {
                Inverses.Update(model, field, id, parent, null);
            }
        }

        table.Remove(id);
    }

    /// <summary>A value as stored or computed: string, long, double, bool, DateTime, int (many2one id), IReadOnlyList&lt;int&gt;.</summary>
    public object? Raw(ModelTable table, int id, FieldSchema field)
    {
        var row = table.Get(id);
        if (row.TryGetValue(field.Name, out var stored))
        {
            return stored;
        }

        return (table.Name, field.Name) switch
        {
            (_, "id") => (long)id,
            (_, "display_name") => DisplayName(table.Name, id),
            (_, "__last_update") => row.GetValueOrDefault("write_date"),
            ("stock.picking", "picking_type_code") => row.GetValueOrDefault("picking_type_id") is int type ? _tables["stock.picking.type"].Find(type)?.GetValueOrDefault("code") : null,
            ("mrp.production", "qty_produced") => row.GetValueOrDefault("state") as string == "done" ? row.GetValueOrDefault("qty_producing") : null,
            _ when field.Type == "one2many" && Inverses.TryGetInverse(table.Name, field.Name, out var inverse) => Inverses.Children(inverse.Child, inverse.Inverse, id),
            _ => null,
        };
    }

    public string DisplayName(string model, int id)
    {
        if (!_tables.TryGetValue(model, out var table) || table.Find(id) is not { } row)
        {
            return $"{model},{id}";
        }

        string? Text(string field) => row.GetValueOrDefault(field) as string;
        return model switch
        {
            "product.product" => Text("default_code") is { Length: > 0 } code ? $"[{code}] {Text("name")}" : Text("name") ?? "",
            "stock.picking.type" => row.GetValueOrDefault("warehouse_id") is int wh && _tables["stock.warehouse"].Find(wh) is { } w
                ? $"{w.GetValueOrDefault("name")}: {Text("name")}"
                : Text("name") ?? "",
            "stock.location" => Text("complete_name") ?? Text("name") ?? "",
            "res.partner" => Text("complete_name") ?? Text("name") ?? "",
            "ir.model.fields" => Text("field_description") ?? "",
            _ => Text("name") ?? $"{model},{id}",
        };
    }

    /// <summary>A value as read() returns it; <paramref name="names"/> false gives many2one as a bare id (read(load=None)).</summary>
    public JsonNode? ToJson(ModelTable table, int id, FieldSchema field, bool names = true)
    {
        var raw = Raw(table, id, field);
        switch (field.Type)
        {
            case "integer":
                return JsonValue.Create(raw is long l ? l : 0L);
            case "float":
            case "monetary":
                return JsonValue.Create(raw is double d ? d : 0.0);
            case "boolean":
                return JsonValue.Create(raw is true);
            case "date":
                return raw is DateTime date ? JsonValue.Create(date.ToString(DateFormat, CultureInfo.InvariantCulture)) : JsonValue.Create(false);
            case "datetime":
                return raw is DateTime dt ? JsonValue.Create(dt.ToString(DateTimeFormat, CultureInfo.InvariantCulture)) : JsonValue.Create(false);
            case "many2one":
                if (raw is not int target)
                {
                    return JsonValue.Create(false);
                }

                return names ? new JsonArray(target, DisplayName(field.Relation!, target)) : JsonValue.Create(target);
            case "one2many":
            case "many2many":
                var array = new JsonArray();
                if (raw is IEnumerable<int> ids)
                {
                    foreach (var child in ids)
                    {
                        array.Add(child);
                    }
                }

                return array;
            default:
                return raw is string s ? JsonValue.Create(s) : JsonValue.Create(false);
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        TransactionGate.Dispose();
    }

    /// <summary>Releases a lock on dispose.</summary>
    internal readonly struct LockScope(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
