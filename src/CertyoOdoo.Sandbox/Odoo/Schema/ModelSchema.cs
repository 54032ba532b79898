namespace CertyoOdoo.Sandbox.Odoo.Schema;

/// <summary>A model's fields, in definition order (fields_get answers in that order).</summary>
internal sealed class ModelSchema(string name)
{
    private readonly List<FieldSchema> _ordered = [];
    private readonly Dictionary<string, FieldSchema> _byName = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public IReadOnlyList<FieldSchema> Fields => _ordered;

    public bool TryGet(string field, out FieldSchema schema) => _byName.TryGetValue(field, out schema!);

    public bool Has(string field) => _byName.ContainsKey(field);

    /// <summary>Adds the field, or replaces one of the same name in place.</summary>
    public void Set(FieldSchema field)
    {
        if (_byName.TryGetValue(field.Name, out var existing))
        {
            _ordered[_ordered.IndexOf(existing)] = field;
        }
        else
        {
            _ordered.Add(field);
        }

        _byName[field.Name] = field;
    }

    public void Remove(string field)
    {
        if (_byName.Remove(field, out var existing))
        {
            _ordered.Remove(existing);
        }
    }
}
