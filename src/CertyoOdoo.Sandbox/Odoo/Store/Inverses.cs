namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// one2many fields and the many2one that feeds each (fields_get does not name the inverse), with an
/// index parent id → child ids kept up to date on every write of the many2one.
/// </summary>
internal sealed class Inverses
{
    private static readonly (string Parent, string Field, string Child, string Inverse)[] Known =
    [
        ("stock.picking", "move_ids", "stock.move", "picking_id"),
        ("stock.picking", "move_ids_without_package", "stock.move", "picking_id"),
        ("stock.picking", "move_line_ids", "stock.move.line", "picking_id"),
        ("stock.picking", "move_line_ids_without_package", "stock.move.line", "picking_id"),
        ("stock.move", "move_line_ids", "stock.move.line", "move_id"),
        ("mrp.production", "move_raw_ids", "stock.move", "raw_material_production_id"),
        ("mrp.production", "move_finished_ids", "stock.move", "production_id"),
        ("ir.model", "field_id", "ir.model.fields", "model_id"),
        ("ir.model.fields", "selection_ids", "ir.model.fields.selection", "field_id"),
    ];

    private readonly Dictionary<(string Child, string Inverse), Dictionary<int, List<int>>> _index = [];
    private readonly Dictionary<(string Parent, string Field), (string Child, string Inverse)> _fields = [];

    public Inverses()
    {
        foreach (var (parent, field, child, inverse) in Known)
        {
            _fields[(parent, field)] = (child, inverse);
            _index.TryAdd((child, inverse), []);
        }
    }

    public bool TryGetInverse(string parent, string field, out (string Child, string Inverse) inverse) =>
        _fields.TryGetValue((parent, field), out inverse);

    public bool Tracks(string child, string field) => _index.ContainsKey((child, field));

    public IReadOnlyList<int> Children(string child, string inverse, int parentId) =>
        _index[(child, inverse)].TryGetValue(parentId, out var ids) ? ids : [];

    /// <summary>Moves a child from one parent's list to another's when its many2one changes.</summary>
    public void Update(string child, string field, int childId, int? oldParent, int? newParent)
    {
        if (!_index.TryGetValue((child, field), out var byParent) || oldParent == newParent)
        {
            return;
        }

        if (oldParent is { } old && byParent.TryGetValue(old, out var oldList))
        {
            oldList.Remove(childId);
        }

        if (newParent is { } parent)
        {
            if (!byParent.TryGetValue(parent, out var list))
            {
                list = [];
                byParent[parent] = list;
            }

            var at = list.BinarySearch(childId);
            if (at < 0)
            {
                list.Insert(~at, childId);
            }
        }
    }
}
