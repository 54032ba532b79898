using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Bench.OdooSim;

/// <summary>
/// Seeds the Odoo simulator with many done pickings and times what a connector does against it:
/// paged search_read on a write_date cursor, reads by id, search_count and a load write-back.
/// </summary>
internal sealed class OdooSimulatorScaleBenchmark : IBenchmark
{
    public string Name => "odoo-sim-scale";

    public string Description => "Odoo simulator: seed N done pickings (default 50000), time searches, reads and load";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var pickings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Seed:DonePickings"] = $"{pickings}",
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = "2",
        });
        process.Refresh();
        Console.WriteLine($"start with {pickings} done pickings: {watch.ElapsedMilliseconds} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {process.WorkingSet64 / 1024 / 1024} MB working set");

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var fields = new JsonArray("name", "state", "date_done", "partner_id", "origin", "picking_type_id", "move_line_ids", "write_date", "company_id");
        await TimeAsync("search_read 500, write_date cursor, page 1 (sorts 50k once)", () => CallAsync(http, "stock.picking", "search_read",
            [new JsonArray(new JsonArray("state", "=", "done"), new JsonArray("write_date", ">=", "2000-01-01 00:00:00"))], new JsonObject { ["fields"] = fields.DeepClone(), ["limit"] = 500, ["order"] = "write_date, id" }));
        await TimeAsync("search_read 500, write_date cursor, page 20", () => CallAsync(http, "stock.picking", "search_read",
            [new JsonArray(new JsonArray("state", "=", "done"), new JsonArray("write_date", ">=", "2000-01-01 00:00:00"))], new JsonObject { ["fields"] = fields.DeepClone(), ["limit"] = 500, ["offset"] = 9500, ["order"] = "write_date, id" }));
        var ids = new JsonArray([.. Enumerable.Range(1, 500).Select(i => (JsonNode)i)]);
        await TimeAsync("read 500 pickings by id", () => CallAsync(http, "stock.picking", "read", [ids.DeepClone()], new JsonObject { ["fields"] = fields.DeepClone() }));
        await TimeAsync("read 1000 move lines by id", () => CallAsync(http, "stock.move.line", "read",
            [new JsonArray([.. Enumerable.Range(1, 1000).Select(i => (JsonNode)i)])], new JsonObject { ["fields"] = new JsonArray("product_id", "lot_id", "quantity", "picking_id") }));
        await TimeAsync("search_count state = done", () => CallAsync(http, "stock.picking", "search_count", [new JsonArray(new JsonArray("state", "=", "done"))]));
        var rows = new JsonArray([.. Enumerable.Range(1, 500).Select(i => (JsonNode)new JsonArray($"{i}", new string('a', 64), "ingested", "2026-12-03 10:00:00"))]);
        await TimeAsync("load 500 hashes", () => CallAsync(http, "stock.picking", "load",
            [new JsonArray(".id", "x_certyo_record_hash", "x_certyo_anchor_status", "x_certyo_anchored_at"), rows.DeepClone()], new JsonObject { ["context"] = new JsonObject { ["tz"] = "UTC" } }));
        await TimeAsync("search_read 500 after the load (re-sorts)", () => CallAsync(http, "stock.picking", "search_read",
            [new JsonArray(new JsonArray("state", "=", "done"))], new JsonObject { ["fields"] = fields.DeepClone(), ["limit"] = 500, ["order"] = "write_date, id" }));
        return 0;
    }

    private static async Task TimeAsync(string what, Func<Task> call)
    {
        var watch = Stopwatch.StartNew();
        await call();
        Console.WriteLine($"{what}: {watch.ElapsedMilliseconds} ms");
    }

    private static async Task CallAsync(HttpClient http, string model, string method, JsonArray args, JsonObject? kwargs = null)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = 1,
            ["params"] = new JsonObject { ["service"] = "object", ["method"] = "execute_kw", ["args"] = new JsonArray("demo", 2, "admin", model, method, args, kwargs ?? []) },
        };
        using var response = await http.PostAsJsonAsync("jsonrpc", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (answer["error"] is not null)
        {
            throw new InvalidOperationException(answer["error"]!.ToJsonString());
        }
    }
}
