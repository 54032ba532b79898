using System.Text.Json;
using CertyoOdoo.Odoo.Values;

namespace CertyoOdoo.Odoo.Connector;

/// <summary>The per-model batched reads.</summary>
public sealed partial class OdooRecordReader
{
    private async Task<IReadOnlyList<OdooDocument>> ReadPickingsAsync(IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken)
    {
        var pickingFields = await client.GetFieldsAsync(OdooModelFields.Picking, cancellationToken);
        var lineFields = await client.GetFieldsAsync(OdooModelFields.MoveLine, cancellationToken);
        var qtyField = OdooModelFields.MoveLineQuantity(lineFields);
        var hasTypeCode = pickingFields.ContainsKey("picking_type_code");

        var fields = OdooModelFields.Existing(pickingFields,
            ["name", "state", "date_done", "partner_id", "origin", "picking_type_id", "picking_type_code", "move_line_ids", "company_id", "write_date", .. extraFields]);
        var pickings = await SearchReadByIdsAsync(OdooModelFields.Picking, ids, fields, cancellationToken);

        var lineIds = pickings.SelectMany(p => OdooValues.GetIds(OdooValues.Field(p, "move_line_ids")));
        var lines = await ReadByIdsAsync(
            OdooModelFields.MoveLine,
            lineIds,
            OdooModelFields.Existing(lineFields, ["product_id", "lot_id", "lot_name", qtyField, "product_uom_id"]),
            cancellationToken);

        var products = await ReadProductsAsync(
            lines.Values.Select(l => OdooValues.GetMany2One(OdooValues.Field(l, "product_id"))?.Id ?? 0).Where(id => id > 0),
            cancellationToken);

        // Older or trimmed servers without the related picking_type_code: one read of the types gives it.
        Dictionary<int, JsonElement>? types = null;
        if (!hasTypeCode)
        {
            var typeIds = pickings.Select(p => OdooValues.GetMany2One(OdooValues.Field(p, "picking_type_id"))?.Id ?? 0).Where(id => id > 0);
            types = await ReadByIdsAsync(OdooModelFields.PickingType, typeIds, ["code", "name"], cancellationToken);
        }

        var result = new List<OdooDocument>(pickings.Count);
        foreach (var p in pickings)
        {
            var type = OdooValues.GetMany2One(OdooValues.Field(p, "picking_type_id"));
            var typeCode = hasTypeCode
                ? OdooValues.GetString(OdooValues.Field(p, "picking_type_code"))
                : type is not null && types!.TryGetValue(type.Id, out var t) ? OdooValues.GetString(OdooValues.Field(t, "code")) : null;
            var moveLines = new List<OdooMoveLine>();
            foreach (var lineId in OdooValues.GetIds(OdooValues.Field(p, "move_line_ids")))
            {
                if (!lines.TryGetValue(lineId, out var l))
                {
                    continue;
                }

                var productRef = OdooValues.GetMany2One(OdooValues.Field(l, "product_id"));
                var product = productRef is null ? null : products.GetValueOrDefault(productRef.Id) ?? new OdooProduct(productRef.Id, null, productRef.Name);
                var lotName = OdooValues.GetMany2One(OdooValues.Field(l, "lot_id"))?.Name ?? OdooValues.GetString(OdooValues.Field(l, "lot_name"));
                var quantity = qtyField is null ? 0m : OdooValues.GetDecimal(OdooValues.Field(l, qtyField));
                moveLines.Add(new OdooMoveLine(lineId, product, quantity, lotName, OdooValues.GetMany2One(OdooValues.Field(l, "product_uom_id"))?.Name));
            }

            var state = OdooValues.GetString(OdooValues.Field(p, "state")) ?? "";
            result.Add(new OdooPicking
            {
                Model = OdooModelFields.Picking,
                Id = p.GetProperty("id").GetInt32(),
                Name = OdooValues.GetString(OdooValues.Field(p, "name")) ?? "",
                State = state,
                IsDone = state == "done",
                WriteDate = OdooValues.GetDateTime(OdooValues.Field(p, "write_date")),
                CompanyId = OdooValues.GetMany2One(OdooValues.Field(p, "company_id"))?.Id,
                Extra = Extras(p, extraFields),
                DateDone = OdooValues.GetDateTime(OdooValues.Field(p, "date_done")),
                PartnerName = OdooValues.GetMany2One(OdooValues.Field(p, "partner_id"))?.Name,
                Origin = OdooValues.GetString(OdooValues.Field(p, "origin")),
                PickingTypeCode = typeCode,
                PickingTypeName = type?.Name,
                Lines = moveLines,
            });
        }

        return result;
    }

    private async Task<IReadOnlyList<OdooDocument>> ReadProductionsAsync(IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken)
    {
        var moFields = await client.GetFieldsAsync(OdooModelFields.Production, cancellationToken);
        var lotField = OdooModelFields.ProducedLot(moFields);
        var qtyField = OdooModelFields.ProducedQuantity(moFields);
        var lotIsList = lotField is not null && moFields[lotField].Type is "many2many" or "one2many";

        var fields = OdooModelFields.Existing(moFields,
            ["name", "state", "date_finished", "product_id", qtyField, lotField, "origin", "company_id", "write_date", .. extraFields]);
        var productions = await SearchReadByIdsAsync(OdooModelFields.Production, ids, fields, cancellationToken);

        var products = await ReadProductsAsync(
            productions.Select(m => OdooValues.GetMany2One(OdooValues.Field(m, "product_id"))?.Id ?? 0).Where(id => id > 0),
            cancellationToken);

        // 19's lot_producing_ids holds ids only: one read of all their names.
        Dictionary<int, JsonElement>? lots = null;
        if (lotIsList)
        {
            var lotIds = productions.SelectMany(m => OdooValues.GetIds(OdooValues.Field(m, lotField!)));
            lots = await ReadByIdsAsync(OdooModelFields.Lot, lotIds, ["name"], cancellationToken);
        }

        var result = new List<OdooDocument>(productions.Count);
        foreach (var m in productions)
        {
            IReadOnlyList<string> lotNames = lotField is null ? []
                : lotIsList ? OdooValues.GetIds(OdooValues.Field(m, lotField)).Select(id => lots!.TryGetValue(id, out var l) ? OdooValues.GetString(OdooValues.Field(l, "name")) : null).OfType<string>().ToList()
                : OdooValues.GetMany2One(OdooValues.Field(m, lotField)) is { } lot ? [lot.Name] : [];
            var productRef = OdooValues.GetMany2One(OdooValues.Field(m, "product_id"));
            var state = OdooValues.GetString(OdooValues.Field(m, "state")) ?? "";
            result.Add(new OdooProduction
            {
                Model = OdooModelFields.Production,
                Id = m.GetProperty("id").GetInt32(),
                Name = OdooValues.GetString(OdooValues.Field(m, "name")) ?? "",
                State = state,
                IsDone = state == "done",
                WriteDate = OdooValues.GetDateTime(OdooValues.Field(m, "write_date")),
                CompanyId = OdooValues.GetMany2One(OdooValues.Field(m, "company_id"))?.Id,
                Extra = Extras(m, extraFields),
                DateFinished = OdooValues.GetDateTime(OdooValues.Field(m, "date_finished")),
                Product = productRef is null ? null : products.GetValueOrDefault(productRef.Id) ?? new OdooProduct(productRef.Id, null, productRef.Name),
                QuantityProduced = qtyField is null ? 0m : OdooValues.GetDecimal(OdooValues.Field(m, qtyField)),
                LotNames = lotNames,
                Origin = OdooValues.GetString(OdooValues.Field(m, "origin")),
            });
        }

        return result;
    }

    private async Task<IReadOnlyList<OdooDocument>> ReadLotsAsync(IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken)
    {
        var lotFields = await client.GetFieldsAsync(OdooModelFields.Lot, cancellationToken);
        var fields = OdooModelFields.Existing(lotFields, ["name", "product_id", "ref", "create_date", "company_id", "write_date", .. extraFields]);
        var lots = await SearchReadByIdsAsync(OdooModelFields.Lot, ids, fields, cancellationToken);
        var products = await ReadProductsAsync(
            lots.Select(l => OdooValues.GetMany2One(OdooValues.Field(l, "product_id"))?.Id ?? 0).Where(id => id > 0),
            cancellationToken);

        return [.. lots.Select(l =>
        {
            var productRef = OdooValues.GetMany2One(OdooValues.Field(l, "product_id"));
            return new OdooLot
            {
                Model = OdooModelFields.Lot,
                Id = l.GetProperty("id").GetInt32(),
                Name = OdooValues.GetString(OdooValues.Field(l, "name")) ?? "",

                // A lot has no workflow: once it exists it can be anchored.
                State = "created",
                IsDone = true,
                WriteDate = OdooValues.GetDateTime(OdooValues.Field(l, "write_date")),
                CompanyId = OdooValues.GetMany2One(OdooValues.Field(l, "company_id"))?.Id,
                Extra = Extras(l, extraFields),
                Product = productRef is null ? null : products.GetValueOrDefault(productRef.Id) ?? new OdooProduct(productRef.Id, null, productRef.Name),
                Ref = OdooValues.GetString(OdooValues.Field(l, "ref")),
                CreateDate = OdooValues.GetDateTime(OdooValues.Field(l, "create_date")),
            };
        })];
    }

    private async Task<IReadOnlyList<OdooDocument>> ReadQualityChecksAsync(IReadOnlyCollection<int> ids, IReadOnlyList<string> extraFields, CancellationToken cancellationToken)
    {
        var qcFields = await client.GetFieldsAsync(OdooModelFields.QualityCheck, cancellationToken);
        var fields = OdooModelFields.Existing(qcFields,
            ["name", "quality_state", "product_id", "point_id", "test_type", "picking_id", "production_id", "lot_id", "control_date", "measure", "company_id", "write_date", .. extraFields]);
        var checks = await SearchReadByIdsAsync(OdooModelFields.QualityCheck, ids, fields, cancellationToken);
        var products = await ReadProductsAsync(
            checks.Select(c => OdooValues.GetMany2One(OdooValues.Field(c, "product_id"))?.Id ?? 0).Where(id => id > 0),
            cancellationToken);

        return [.. checks.Select(c =>
        {
            var productRef = OdooValues.GetMany2One(OdooValues.Field(c, "product_id"));
            var state = OdooValues.GetString(OdooValues.Field(c, "quality_state")) ?? "";
            var testType = OdooValues.Field(c, "test_type");
            return new OdooQualityCheck
            {
                Model = OdooModelFields.QualityCheck,
                Id = c.GetProperty("id").GetInt32(),
                Name = OdooValues.GetString(OdooValues.Field(c, "name")) ?? "",
                State = state,
                IsDone = state is "pass" or "fail",
                WriteDate = OdooValues.GetDateTime(OdooValues.Field(c, "write_date")),
                CompanyId = OdooValues.GetMany2One(OdooValues.Field(c, "company_id"))?.Id,
                Extra = Extras(c, extraFields),
                Product = productRef is null ? null : products.GetValueOrDefault(productRef.Id) ?? new OdooProduct(productRef.Id, null, productRef.Name),
                PointName = OdooValues.GetMany2One(OdooValues.Field(c, "point_id"))?.Name,
                TestType = OdooValues.GetString(testType) ?? OdooValues.GetMany2One(testType)?.Name,
                PickingName = OdooValues.GetMany2One(OdooValues.Field(c, "picking_id"))?.Name,
                ProductionName = OdooValues.GetMany2One(OdooValues.Field(c, "production_id"))?.Name,
                LotName = OdooValues.GetMany2One(OdooValues.Field(c, "lot_id"))?.Name,
                ControlDate = OdooValues.GetDateTime(OdooValues.Field(c, "control_date")),
                MeasureValue = OdooValues.GetDouble(OdooValues.Field(c, "measure")),
            };
        })];
    }
}
