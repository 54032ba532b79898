using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Values;

namespace CertyoOdoo.Odoo.Connector;

/// <summary>The reconcile query: done records after a (write_date, id) cursor.</summary>
public sealed partial class OdooRecordReader
{
    private const string CursorOrder = "write_date asc, id asc";

    /// <inheritdoc />
    /// <remarks>
    /// Odoo stores write_date with microseconds but reads it to the second, so the cursor works per
    /// second: a full page never ends inside a second (its trailing second is left for the next page),
    /// and a second holding a whole page or more is walked by id. A page may therefore hold fewer than
    /// <paramref name="limit"/> records while more remain; only an empty page means "no more".
    /// </remarks>
    public async Task<IReadOnlyList<OdooRecordStamp>> SearchDoneAsync(string model, OdooRecordStamp? after, int limit, bool onlyWithoutStatus, CertyoFieldNames fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var statusFilter = onlyWithoutStatus && (await client.GetFieldsAsync(model, cancellationToken)).ContainsKey(fields.AnchorStatus)
            ? OdooDomain.Leaf(fields.AnchorStatus, "=", false)
            : null;

        var domain = Base(model, statusFilter);
        if (after is not null)
        {
            // (second(wd), id) > (S, X): ['|', wd >= S+1s, '&', '&', wd >= S, wd < S+1s, id > X]
            var (from, to) = Second(after.WriteDate);
            domain.Add("|");
            domain.Add(OdooDomain.Leaf("write_date", ">=", to));
            domain.Add("&");
            domain.Add("&");
            domain.Add(OdooDomain.Leaf("write_date", ">=", from));
            domain.Add(OdooDomain.Leaf("write_date", "<", to));
            domain.Add(OdooDomain.Leaf("id", ">", after.Id));
        }

        var page = await StampsAsync(model, domain, limit, CursorOrder, cancellationToken);
        if (page.Count < limit)
        {
            return page;
        }

        // The page may end inside its last second: hand back only the seconds it holds whole.
        var lastSecond = Truncate(page[^1].WriteDate);
        var whole = page.Where(s => Truncate(s.WriteDate) < lastSecond).ToList();
        if (whole.Count > 0)
        {
            return whole;
        }

        // A page-full within one second: walk that second by id, which orders it exactly.
        var (start, end) = Second(lastSecond);
        var within = Base(model, statusFilter);
        within.Add(OdooDomain.Leaf("write_date", ">=", start));
        within.Add(OdooDomain.Leaf("write_date", "<", end));
        if (after is not null && Truncate(after.WriteDate) == lastSecond)
        {
            within.Add(OdooDomain.Leaf("id", ">", after.Id));
        }

        var byId = await StampsAsync(model, within, limit, "id asc", cancellationToken);

        // Stamps carry the second itself so the next cursor stays inside it.
        return [.. byId.Select(s => s with { WriteDate = lastSecond })];
    }

    private static JsonArray Base(string model, JsonArray? statusFilter)
    {
        var domain = OdooModelFields.DoneDomain(model);
        if (statusFilter is not null)
        {
            domain.Add(statusFilter);
        }

        return domain;
    }

    private async Task<List<OdooRecordStamp>> StampsAsync(string model, JsonArray domain, int limit, string order, CancellationToken cancellationToken)
    {
        var rows = await client.SearchReadAsync(model, domain, ["write_date"], 0, limit, order, cancellationToken);
        var stamps = new List<OdooRecordStamp>(rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            var writeDate = OdooValues.GetDateTime(OdooValues.Field(row, "write_date")) ?? DateTime.MinValue;
            stamps.Add(new OdooRecordStamp(row.GetProperty("id").GetInt32(), writeDate));
        }

        return stamps;
    }

    private static DateTime Truncate(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static (string From, string To) Second(DateTime value)
    {
        var second = Truncate(value);
        return (OdooValues.FormatDateTime(second), OdooValues.FormatDateTime(second.AddSeconds(1)));
    }
}
