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
    /// second: when a page is full, the records of its last second are fetched again ordered by id
    /// (a second call), which orders them exactly. A page holds fewer than <paramref name="limit"/>
    /// records only when none remain after it, and at most twice <paramref name="limit"/>.
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

        // The page may end inside its last second, whose records Odoo ordered by microseconds we cannot see:
        // keep the whole seconds before it, then take that second again ordered by id, which is exact.
        var lastSecond = Truncate(page[^1].WriteDate);
        var (start, end) = Second(lastSecond);
        var within = Base(model, statusFilter);
        within.Add(OdooDomain.Leaf("write_date", ">=", start));
        within.Add(OdooDomain.Leaf("write_date", "<", end));
        if (after is not null && Truncate(after.WriteDate) == lastSecond)
        {
            within.Add(OdooDomain.Leaf("id", ">", after.Id));
        }

        var tail = await StampsAsync(model, within, limit, "id asc", cancellationToken);

        // Tail stamps carry the second itself, so the next cursor (second, id) continues inside it.
        return [.. page.Where(s => Truncate(s.WriteDate) < lastSecond), .. tail.Select(s => s with { WriteDate = lastSecond })];
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
