namespace CertyoOdoo.Odoo;

/// <summary>One field as <c>fields_get</c> describes it.</summary>
/// <param name="Name">Technical name.</param>
/// <param name="Type">Odoo type: char, many2one, many2many, float, datetime, selection, ...</param>
/// <param name="Relation">Comodel for relational fields.</param>
/// <param name="Store">False for non-stored computed fields (they can be read, not searched or ordered on cheaply).</param>
/// <param name="SelectionKeys">The keys of a selection field.</param>
public sealed record OdooField(string Name, string Type, string? Relation, bool Store, IReadOnlyList<string> SelectionKeys);
