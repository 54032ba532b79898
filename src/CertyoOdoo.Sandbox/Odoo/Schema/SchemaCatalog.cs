using System.Text.Json;

namespace CertyoOdoo.Sandbox.Odoo.Schema;

/// <summary>
/// The models of one simulated series: the recorded fields_get answers (embedded resources
/// fields-&lt;series&gt;.json), plus small hand-made schemas for the models the recordings never
/// described, plus the x_certyo_* fields when the module is taken as installed.
/// </summary>
internal sealed class SchemaCatalog
{
    private static readonly KeyValuePair<string, string>[] AnchorStatuses =
        [new("ingested", "Ingested"), new("anchored", "Anchored"), new("failed", "Failed")];

    private readonly Dictionary<string, ModelSchema> _models = new(StringComparer.Ordinal);

    private SchemaCatalog(int version) => Version = version;

    public int Version { get; }

    public IEnumerable<ModelSchema> Models => _models.Values;

    public bool TryGet(string model, out ModelSchema schema) => _models.TryGetValue(model, out schema!);

    public static SchemaCatalog Load(int version, bool certyoFields, IReadOnlyCollection<string>? certyoModels = null)
    {
        var catalog = new SchemaCatalog(version);
        catalog.LoadRecorded(version);
        HandModels.AddTo(catalog, version);
        string[] moduleModels = ["stock.picking", "mrp.production", "stock.lot", "quality.check"];
        foreach (var model in moduleModels)
        {
            var wanted = certyoFields && (certyoModels is not { Count: > 0 } || certyoModels.Contains(model));
            if (!catalog.TryGet(model, out var schema))
            {
                continue;
            }

            if (wanted)
            {
                schema.Set(new FieldSchema("x_certyo_record_hash", "char", "Certyo Record Hash", Readonly: true));
                schema.Set(new FieldSchema("x_certyo_anchor_status", "selection", "Certyo Anchor Status", Selection: AnchorStatuses, Readonly: true));
                schema.Set(new FieldSchema("x_certyo_anchored_at", "datetime", "Certyo Anchored At", Readonly: true));
            }
            else
            {
                schema.Remove("x_certyo_record_hash");
                schema.Remove("x_certyo_anchor_status");
                schema.Remove("x_certyo_anchored_at");
            }
        }

        return catalog;
    }

    public ModelSchema GetOrAdd(string model)
    {
        if (!_models.TryGetValue(model, out var schema))
        {
            schema = new ModelSchema(model);
            _models[model] = schema;
        }

        return schema;
    }

    private void LoadRecorded(int version)
    {
        var resource = $"OdooMetadata.fields-{version}.0.json";
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var document = JsonDocument.Parse(stream);
        foreach (var model in document.RootElement.EnumerateObject())
        {
            var schema = GetOrAdd(model.Name);
            foreach (var field in model.Value.EnumerateObject())
            {
                schema.Set(Parse(field.Name, field.Value));
            }
        }
    }

    private static FieldSchema Parse(string name, JsonElement attributes)
    {
        string? Text(string key) => attributes.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Flag(string key) => attributes.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.True;

        List<KeyValuePair<string, string>>? selection = null;
        if (attributes.TryGetProperty("selection", out var pairs) && pairs.ValueKind == JsonValueKind.Array)
        {
            selection = [.. pairs.EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].ToString(), p[1].ToString()))];
        }

        return new FieldSchema(name, Text("type") ?? "char", Text("string") ?? name, Text("relation"), selection,
            Flag("required"), Flag("readonly"), !attributes.TryGetProperty("store", out var store) || store.ValueKind == JsonValueKind.True, Text("help"));
    }
}
