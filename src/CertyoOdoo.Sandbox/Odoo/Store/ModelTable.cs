using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// The rows of one model: sparse value maps by id (an unset field reads as its type's empty value),
/// plus the ids in creation order, so scans and id lookups stay cheap at 50,000 pickings.
/// </summary>
internal sealed class ModelTable(ModelSchema schema)
{
    private readonly Dictionary<int, Dictionary<string, object?>> _rows = [];
    private readonly List<int> _ids = [];

    public ModelSchema Schema { get; } = schema;

    public string Name => Schema.Name;

    public int NextId { get; private set; } = 1;

    public int Count => _rows.Count;

    /// <summary>Bumped on every change, so cached sort orders know when they are stale.</summary>
    public long Revision { get; private set; }

    public void Changed() => Revision++;

    public IReadOnlyList<int> Ids => _ids;

    public bool Exists(int id) => _rows.ContainsKey(id);

    public Dictionary<string, object?>? Find(int id) => _rows.GetValueOrDefault(id);

    public Dictionary<string, object?> Get(int id) => _rows[id];

    /// <summary>Adds a row with the next id (or a given one, for seeding ids like the recordings').</summary>
    public int Add(Dictionary<string, object?> values, int? id = null)
    {
        var newId = id ?? NextId;
        NextId = Math.Max(NextId, newId + 1);
        Revision++;
        _rows.Add(newId, values);
        if (_ids.Count == 0 || _ids[^1] < newId)
        {
            _ids.Add(newId);
        }
        else
        {
            var at = _ids.BinarySearch(newId);
            _ids.Insert(~at, newId);
        }

        return newId;
    }

    public void Remove(int id)
    {
        if (_rows.Remove(id))
        {
            Revision++;
            _ids.RemoveAt(_ids.BinarySearch(id));
        }
    }

    /// <summary>Takes the next id for a row a transaction will insert (rolled-back ids stay used, like a sequence).</summary>
    public int Reserve() => NextId++;

    /// <summary>Skips ids below <paramref name="id"/>, so later creations leave room (like recorded gaps).</summary>
    public void ReserveUpTo(int id) => NextId = Math.Max(NextId, id + 1);
}
