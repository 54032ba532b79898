namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// Changes staged by one mutating call. Nothing is visible to other readers until
/// <see cref="Commit"/>; a rollback just drops the object (reserved ids stay used, like a sequence).
/// </summary>
internal sealed class Transaction(OdooStore store, DateTime now, int uid)
{
    private readonly Dictionary<(string Model, int Id), Dictionary<string, object?>> _updates = [];
    private readonly List<(string Model, int Id, Dictionary<string, object?> Row)> _inserts = [];
    private readonly List<(string Model, int Id)> _deletes = [];
    private readonly List<Action> _onCommit = [];

    public OdooStore Store => store;

    public DateTime Now => now;

    public int Uid => uid;

    /// <summary>Records that reached done in this transaction, with their values before it (for notifications).</summary>
    public List<DoneTransition> Done { get; } = [];

    public bool IsEmpty => _updates.Count == 0 && _inserts.Count == 0 && _deletes.Count == 0 && _onCommit.Count == 0;

    public object? Get(string model, int id, string field)
    {
        if (_updates.TryGetValue((model, id), out var staged) && staged.TryGetValue(field, out var value))
        {
            return value;
        }

        var inserted = _inserts.FirstOrDefault(i => i.Model == model && i.Id == id);
        if (inserted.Row is not null)
        {
            return inserted.Row.GetValueOrDefault(field);
        }

        var table = store.Table(model);
        return table.Schema.TryGet(field, out var schema) && table.Exists(id) ? store.Raw(table, id, schema) : null;
    }

    /// <summary>Stages a value; fields the series lacks (qty_done on 17, picked on 16) are skipped.</summary>
    public void Set(string model, int id, string field, object? value)
    {
        if (!store.Table(model).Schema.Has(field))
        {
            return;
        }

        var inserted = _inserts.FirstOrDefault(i => i.Model == model && i.Id == id);
        if (inserted.Row is not null)
        {
            inserted.Row[field] = value;
            return;
        }

        if (!_updates.TryGetValue((model, id), out var staged))
        {
            staged = [];
            _updates[(model, id)] = staged;
        }

        staged[field] = value;
    }

    /// <summary>Marks a record written: write_date and write_uid, as every ORM write does.</summary>
    public void Touch(string model, int id)
    {
        Set(model, id, "write_date", now);
        Set(model, id, "write_uid", uid);
    }

    public int Insert(string model, Dictionary<string, object?> row)
    {
        var id = store.Table(model).Reserve();
        row.TryAdd("create_date", now);
        row.TryAdd("write_date", now);
        row.TryAdd("create_uid", uid);
        row.TryAdd("write_uid", uid);
        _inserts.Add((model, id, row));
        return id;
    }

    public void Delete(string model, int id) => _deletes.Add((model, id));

    /// <summary>Runs under the write lock after the rows are applied (schema changes from ir.model.fields).</summary>
    public void OnCommit(Action action) => _onCommit.Add(action);

    /// <summary>Applies everything at once under the write lock.</summary>
    public void Commit()
    {
        using var _ = store.WriteLock();
        foreach (var (model, id, row) in _inserts)
        {
            var schema = store.Table(model).Schema;
            foreach (var key in row.Keys.Where(k => !schema.Has(k)).ToList())
            {
                row.Remove(key);
            }

            store.Insert(model, row, id);
        }

        foreach (var ((model, id), values) in _updates)
        {
            if (!store.Table(model).Exists(id))
            {
                continue;
            }

            foreach (var (field, value) in values)
            {
                store.Set(model, id, field, value);
            }
        }

        foreach (var (model, id) in _deletes)
        {
            store.Delete(model, id);
        }

        foreach (var action in _onCommit)
        {
            action();
        }
    }
}

/// <summary>A record that reached done: its model, id and the done date it carried before.</summary>
internal sealed record DoneTransition(string Model, int Id, object? OldDoneDate);
