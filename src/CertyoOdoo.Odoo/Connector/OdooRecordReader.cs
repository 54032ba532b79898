using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Values;
using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Odoo.Connector;

/// <summary>
/// <see cref="IOdooRecordReader"/> over an <see cref="IOdooClient"/>: a constant number of calls per batch
/// (one search_read of the records, one read each of lines, products and, where needed, lots or picking
/// types), whatever the number of lines; write-back through one <c>load</c> per chunk.
/// </summary>
public sealed partial class OdooRecordReader(IOdooClient client, ILogger logger) : IOdooRecordReader
{
    /// <summary>Most ids in one read call; bigger batches are split (bounds request and response size).</summary>
    public int MaxIdsPerCall { get; init; } = 5_000;

    /// <summary>Most rows in one <c>load</c> call.</summary>
    public int MaxRowsPerLoad { get; init; } = 1_000;

    /// <inheritdoc />
    public Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default) =>
        client.ModelExistsAsync(model, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<OdooDocument>> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(extraFields);
        if (ids.Count == 0)
        {
            return [];
        }

        var started = client.CallCount;
        IReadOnlyList<OdooDocument> documents = model switch
        {
            OdooModelFields.Picking => await ReadPickingsAsync(ids, extraFields, cancellationToken),
            OdooModelFields.Production => await ReadProductionsAsync(ids, extraFields, cancellationToken),
            OdooModelFields.Lot => await ReadLotsAsync(ids, extraFields, cancellationToken),
            OdooModelFields.QualityCheck => await ReadQualityChecksAsync(ids, extraFields, cancellationToken),
            _ => throw new NotSupportedException($"The connector does not read {model}."),
        };
        LogRead(logger, model, ids.Count, documents.Count, client.CallCount - started);
        return documents;
    }

    /// <inheritdoc />
    public async Task WriteStatusAsync(string model, IReadOnlyList<CertyoStatusWrite> writes, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(fields);

        if (writes.Count == 0)
        {
            return;
        }

        // A clear error beats load's per-row messages when the module (or EnsureCertyoFieldsAsync) never ran.
        var existing = await client.GetFieldsAsync(model, cancellationToken);
        var absent = new[] { fields.RecordHash, fields.AnchorStatus, fields.AnchoredAt }.Where(f => !existing.ContainsKey(f)).ToList();
        if (absent.Count > 0)
        {
            throw new Errors.OdooUnknownFieldException($"{model} lacks {string.Join(", ", absent)}: install the Certyo module or create the fields (EnsureCertyoFieldsAsync).") { Model = model, Method = "load" };
        }

        // load writes every listed column (an empty cell clears it), so rows are grouped by the members they set.
        foreach (var group in writes.GroupBy(w => (w.RecordHash is not null, w.Status is not null, w.AnchoredAt is not null)))
        {
            var (hasHash, hasStatus, hasAt) = group.Key;
            if (!hasHash && !hasStatus && !hasAt)
            {
                continue;
            }

            var columns = new List<string> { ".id" };
            if (hasHash)
            {
                columns.Add(fields.RecordHash);
            }

            if (hasStatus)
            {
                columns.Add(fields.AnchorStatus);
            }

            if (hasAt)
            {
                columns.Add(fields.AnchoredAt);
            }

            foreach (var chunk in group.Chunk(MaxRowsPerLoad))
            {
                var rows = new List<IReadOnlyList<string?>>(chunk.Length);
                foreach (var w in chunk)
                {
                    var row = new List<string?>(columns.Count) { w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    if (hasHash)
                    {
                        row.Add(w.RecordHash);
                    }

                    if (hasStatus)
                    {
                        row.Add(w.Status);
                    }

                    if (hasAt)
                    {
                        row.Add(OdooValues.FormatDateTime(w.AnchoredAt!.Value));
                    }

                    rows.Add(row);
                }

                await client.LoadAsync(model, columns, rows, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> EnsureCertyoFieldsAsync(string model, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        client.InvalidateFields(model);
        var existing = await client.GetFieldsAsync(model, cancellationToken);
        var missing = new[] { fields.RecordHash, fields.AnchorStatus, fields.AnchoredAt }.Where(f => !existing.ContainsKey(f)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var modelRows = await client.SearchReadAsync("ir.model", [OdooDomain.Leaf("model", "=", model)], ["id"], 0, 1, null, cancellationToken);
        if (modelRows.GetArrayLength() == 0)
        {
            throw new Errors.OdooUnknownModelException($"Object {model} doesn't exist") { Model = model };
        }

        var modelId = modelRows[0].GetProperty("id").GetInt32();

        // Optional attributes (size, copied, state) are sent only where this server's ir.model.fields has them.
        var irFields = await client.GetFieldsAsync("ir.model.fields", cancellationToken);
        var vals = new List<JsonObject>();
        foreach (var name in missing)
        {
            var field = new JsonObject { ["name"] = name, ["model_id"] = modelId, ["state"] = "manual", ["copied"] = false };
            if (name == fields.RecordHash)
            {
                field["field_description"] = "Certyo Record Hash";
                field["ttype"] = "char";
                field["size"] = 64;
            }
            else if (name == fields.AnchorStatus)
            {
                field["field_description"] = "Certyo Anchor Status";
                field["ttype"] = "selection";
                field["selection_ids"] = new JsonArray(
                    Option("ingested", "Ingested", 1),
                    Option("anchored", "Anchored", 2),
                    Option("failed", "Failed", 3));
            }
            else
            {
                field["field_description"] = "Certyo Anchored At";
                field["ttype"] = "datetime";
            }

            foreach (var optional in new[] { "state", "copied", "size" })
            {
                if (field.ContainsKey(optional) && !irFields.ContainsKey(optional))
                {
                    field.Remove(optional);
                }
            }

            vals.Add(field);
        }

        await client.CreateManyAsync("ir.model.fields", vals, cancellationToken);
        client.InvalidateFields(model);
        LogFieldsCreated(logger, model, missing);
        return missing;
    }

    // Command.create(values) for selection_ids: [0, 0, {...}].
    private static JsonArray Option(string value, string label, int sequence) =>
        [0, 0, new JsonObject { ["value"] = value, ["name"] = label, ["sequence"] = sequence }];

    private async Task<List<JsonElement>> SearchReadByIdsAsync(string model, IReadOnlyCollection<int> ids, List<string> fields, CancellationToken cancellationToken)
    {
        // search_read on ids (not read): missing or rule-filtered ids are left out instead of failing the batch.
        var records = new List<JsonElement>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(MaxIdsPerCall))
        {
            var rows = await client.SearchReadAsync(model, [OdooDomain.In("id", chunk)], fields, 0, null, "id", cancellationToken);
            records.AddRange(rows.EnumerateArray());
        }

        return records;
    }

    private async Task<Dictionary<int, JsonElement>> ReadByIdsAsync(string model, IEnumerable<int> ids, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var byId = new Dictionary<int, JsonElement>();
        foreach (var chunk in ids.Distinct().Chunk(MaxIdsPerCall))
        {
            var rows = await client.ReadAsync(model, chunk, fields, cancellationToken);
            foreach (var row in rows.EnumerateArray())
            {
                byId[row.GetProperty("id").GetInt32()] = row;
            }
        }

        return byId;
    }

    private async Task<Dictionary<int, OdooProduct>> ReadProductsAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var rows = await ReadByIdsAsync(OdooModelFields.Product, ids, ["default_code", "name"], cancellationToken);
        return rows.ToDictionary(
            p => p.Key,
            p => new OdooProduct(p.Key, OdooValues.GetString(OdooValues.Field(p.Value, "default_code")), OdooValues.GetString(OdooValues.Field(p.Value, "name")) ?? ""));
    }

    private static Dictionary<string, JsonElement> Extras(JsonElement record, IReadOnlyList<string> extraFields)
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in extraFields)
        {
            if (record.TryGetProperty(name, out var value))
            {
                extra[name] = value;
            }
        }

        return extra;
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Debug, Message = "Read {Found}/{Requested} {Model} records in {Calls} Odoo calls")]
    private static partial void LogRead(ILogger logger, string model, int requested, int found, long calls);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Created Certyo fields on {Model}: {Fields}")]
    private static partial void LogFieldsCreated(ILogger logger, string model, IReadOnlyList<string> fields);
}
