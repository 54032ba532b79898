using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using CertyoOdoo.Odoo;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertyoOdoo.Bench.Odoo;

/// <summary>
/// Reads N done pickings (5 lines each) through the batched reader against the simulator with 2 ms
/// latency per call, then writes a hash back to each. Targets for 5,000: ≤ 70 read calls, ≤ 10 write calls.
/// Options: --pickings N (5000), --lines N (5), --batch N (500), --version 16|17|18|19 (17), --protocol auto|xmlrpc|jsonrpc|json2.
/// </summary>
internal sealed class OdooReaderBenchmark : IBenchmark
{
    public string Name => "odoo-reader";

    public string Description => "batched reads + load write-back of done pickings against the simulator (2 ms latency)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var pickings = Option(args, "--pickings", 5_000);
        var lines = Option(args, "--lines", 5);
        var batch = Option(args, "--batch", 500);
        var version = Option(args, "--version", 17);
        var protocol = Enum.Parse<OdooProtocol>(OptionText(args, "--protocol") ?? "Auto", ignoreCase: true);

        // Time per model.method from the client's own meter.
        var timings = new Dictionary<string, (int Count, double Ms)>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OdooMetrics.MeterName && instrument is Histogram<double>)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            string? model = null, method = null;
            foreach (var tag in tags)
            {
                model = tag.Key == "model" ? tag.Value as string : model;
                method = tag.Key == "method" ? tag.Value as string : method;
            }

            lock (timings)
            {
                var key = $"{model}.{method}";
                var (count, total) = timings.GetValueOrDefault(key);
                timings[key] = (count + 1, total + ms);
            }
        });
        listener.Start();

        var setup = Stopwatch.StartNew();
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Latency"] = "00:00:00.002",
            ["Sandbox:Odoo:Seed:DonePickings"] = pickings.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = lines.ToString(CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient();
        var client = OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = server.BaseAddress,
            Database = "demo",
            Login = "admin",
            ApiKey = "admin",
            Protocol = protocol,
        });
        var reader = new OdooRecordReader(client, NullLogger.Instance);
        await client.AuthenticateAsync(cancellationToken);
        Console.WriteLine($"simulator {version} seeded with {pickings} done pickings x {lines} lines in {setup.ElapsedMilliseconds} ms; protocol {await client.GetProtocolAsync(cancellationToken)}");

        // Ids the way the reconcile finds them (cursor pages); not counted as read calls.
        var ids = new List<int>(pickings);
        OdooRecordStamp? cursor = null;
        while (true)
        {
            var page = await reader.SearchDoneAsync("stock.picking", cursor, 5_000, false, CertyoFieldNames.Default, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            ids.AddRange(page.Select(s => s.Id));
            cursor = page[^1];
        }

        var callsBefore = client.CallCount;
        var watch = Stopwatch.StartNew();
        var documents = new List<OdooDocument>(ids.Count);
        foreach (var chunk in ids.Chunk(batch))
        {
            documents.AddRange(await reader.ReadAsync("stock.picking", chunk, [], cancellationToken));
        }

        var readMs = watch.Elapsed.TotalMilliseconds;
        var readCalls = client.CallCount - callsBefore;
        var lineCount = documents.Cast<OdooPicking>().Sum(p => p.Lines.Count);
        Console.WriteLine($"read : {documents.Count} pickings, {lineCount} lines in {readCalls} calls, {readMs:0} ms (target <= 70 calls for 5,000)");

        var writes = documents.Select(d => new CertyoStatusWrite(d.Id, Convert.ToHexStringLower(BitConverter.GetBytes((long)d.Id)).PadLeft(64, '0'), "ingested", null)).ToList();
        callsBefore = client.CallCount;
        watch.Restart();
        await reader.WriteStatusAsync("stock.picking", writes, CertyoFieldNames.Default, cancellationToken);
        var writeMs = watch.Elapsed.TotalMilliseconds;
        var writeCalls = client.CallCount - callsBefore;
        Console.WriteLine($"write: {writes.Count} hashes in {writeCalls} calls, {writeMs:0} ms (target <= 10 calls for 5,000)");

        foreach (var (method, (count, ms)) in timings.OrderByDescending(t => t.Value.Ms))
        {
            Console.WriteLine($"  {method,-36} {count,4} calls {ms,8:0} ms");
        }

        var ok = documents.Count == ids.Count && (pickings != 5_000 || (readCalls <= 70 && writeCalls <= 10));
        Console.WriteLine(ok ? "targets met" : "TARGETS MISSED");
        return ok ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
