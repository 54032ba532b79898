using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Certyo.Json;
using CertyoOdoo.Odoo.Connector;

namespace CertyoOdoo.Web.Mapping;

/// <summary>
/// Maps Odoo records to Certyo records per the integration guide's tables. Strings Odoo leaves empty
/// become "" (as in the guide), so a payload's hash does not depend on how a series spells "empty".
/// </summary>
internal static class RecordMapper
{
    public static MappedRecord Map(OdooDocument document) => document switch
    {
        OdooPicking p => Build(p, p.Name, p.DateDone, Picking(p)),
        OdooProduction m => Build(m, m.Name, m.DateFinished, Production(m)),
        OdooLot l => Build(l, LotRecordId(l), l.CreateDate, Lot(l)),
        OdooQualityCheck q => Build(q, q.Name, q.ControlDate, Quality(q)),
        _ => throw new NotSupportedException($"No mapping for {document.GetType().Name} ({document.Model})."),
    };

    /// <summary>Lots: names repeat across products, so product reference (default_code, else name, else id) + "/" + lot name.</summary>
    public static string LotRecordId(OdooLot lot)
    {
        var product = lot.Product switch
        {
            { DefaultCode: { Length: > 0 } code } => code,
            { Name: { Length: > 0 } name } => name,
            { Id: var id } => id.ToString(CultureInfo.InvariantCulture),
            null => "",
        };
        return $"{product}/{lot.Name}";
    }

    /// <summary>ISO 8601 UTC, e.g. 2026-11-16T16:03:29Z (sub-seconds only when Odoo had them).</summary>
    public static string? IsoUtc(DateTime? value) => value is { } v
        ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : null;

    private static JsonObject Picking(OdooPicking p) => new()
    {
        ["pickingName"] = p.Name,
        ["partnerName"] = p.PartnerName ?? "",
        ["sourceDocument"] = p.Origin ?? "",
        ["pickingTypeCode"] = p.PickingTypeCode ?? "",
        ["lines"] = new JsonArray([.. p.Lines.Select(l => (JsonNode)new JsonObject
        {
            ["sku"] = l.Product?.DefaultCode ?? "",
            ["productName"] = l.Product?.Name ?? "",
            ["quantity"] = l.Quantity,
            ["lotNumber"] = l.LotName ?? "",
        })]),
    };

    private static JsonObject Production(OdooProduction m) => new()
    {
        ["productionName"] = m.Name,
        ["sku"] = m.Product?.DefaultCode ?? "",
        ["productName"] = m.Product?.Name ?? "",
        ["quantityProduced"] = m.QuantityProduced,
        ["lotNumber"] = string.Join(",", m.LotNames),
        ["sourceDocument"] = m.Origin ?? "",
    };

    private static JsonObject Lot(OdooLot l) => new()
    {
        ["lotName"] = l.Name,
        ["sku"] = l.Product?.DefaultCode ?? "",
        ["productName"] = l.Product?.Name ?? "",
        ["ref"] = l.Ref ?? "",
    };

    private static JsonObject Quality(OdooQualityCheck q)
    {
        var o = new JsonObject
        {
            ["checkName"] = q.Name,
            ["qualityState"] = q.State,
            ["sku"] = q.Product?.DefaultCode ?? "",
            ["productName"] = q.Product?.Name ?? "",
            ["pointName"] = q.PointName ?? "",
            ["testType"] = q.TestType ?? "",
            ["pickingName"] = q.PickingName ?? "",
            ["productionName"] = q.ProductionName ?? "",
            ["lotNumber"] = q.LotName ?? "",
        };
        if (q.MeasureValue is { } measure)
        {
            o["measure"] = measure;
        }

        return o;
    }

    private static MappedRecord Build(OdooDocument document, string recordId, DateTime? sourceTime, JsonObject payload)
    {
        if (document.Extra.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (field, value) in document.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                extra[field] = JsonNode.Parse(value.GetRawText());
            }

            payload["extra"] = extra;
        }

        var timestamp = IsoUtc(sourceTime ?? document.WriteDate);
        var element = JsonSerializer.SerializeToElement(payload);
        var hashed = new JsonObject
        {
            ["recordId"] = recordId,
            ["sourceTimestamp"] = timestamp,
            ["recordPayload"] = payload.DeepClone(),
        };
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(hashed))));
        return new MappedRecord(document.Model, recordId, timestamp, element, hash);
    }
}
