namespace CertyoOdoo.Sandbox.Odoo.Schema;

/// <summary>One field as fields_get describes it (the attributes the simulator models).</summary>
internal sealed record FieldSchema(
    string Name,
    string Type,
    string String,
    string? Relation = null,
    IReadOnlyList<KeyValuePair<string, string>>? Selection = null,
    bool Required = false,
    bool Readonly = false,
    bool Store = true,
    string? Help = null)
{
    public bool IsRelational => Type is "many2one" or "one2many" or "many2many";

    public bool IsX2Many => Type is "one2many" or "many2many";

    public bool IsSelectionKey(string value) => Selection?.Any(s => s.Key == value) ?? false;
}
