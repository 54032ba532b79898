using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertyoOdoo.Bench.Certyo;

/// <summary>
/// Bulk ingest through the sandbox's HTTP API: N records in bulks of 1,000 with C concurrent senders, once as raw
/// pre-serialized HTTP (the sandbox's own cost) and once through CertyoClient (serialization and retries included).
/// Target on a 2-core box: at least 20,000 records/s.
/// </summary>
internal sealed class CertyoIngestBenchmark : IBenchmark
{
    public string Name => "certyo-ingest";

    public string Description => "sandbox bulk ingest records/s over HTTP [--records 50000] [--concurrency 4] [--db file|memory]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var records = Arg(args, "--records", 50_000);
        var concurrency = Arg(args, "--concurrency", 4);
        var memory = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault() == "memory";
        var path = memory ? ":memory:" : Path.Combine(Path.GetTempPath(), $"certyo-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:DatabasePath"] = path });
            Console.WriteLine($"sandbox at {sandbox.BaseAddress}, store {(memory ? "in memory" : "SQLite file (WAL)")}, {records} records, bulks of 1,000, {concurrency} concurrent");

            // CPU time per record does not depend on what else runs on the box; wall-clock records/s does.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var raw = await RawAsync(sandbox, "raw", records, concurrency, cancellationToken);
            var rawCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / records;
            Console.WriteLine($"raw HTTP (pre-serialized bodies):  {raw,10:N0} records/s  ({rawCpu:F1} CPU-us per record, sandbox and sender together)");
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var client = await ClientAsync(sandbox, "client", records, concurrency, cancellationToken);
            var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / records;
            Console.WriteLine($"through CertyoClient:              {client,10:N0} records/s  ({clientCpu:F1} CPU-us per record, sandbox and client together)");
            Console.WriteLine($"load average now: {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
            Console.WriteLine($"target >= 20,000 records/s: {(raw >= 20_000 ? "met" : "NOT met")} (raw), {(client >= 20_000 ? "met" : "NOT met")} (client)");
            return 0;
        }
        finally
        {
            if (!memory)
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static async Task<double> RawAsync(SandboxServer sandbox, string tenant, int records, int concurrency, CancellationToken ct)
    {
        var bodies = Enumerable.Range(0, (records + 999) / 1000)
            .Select(b => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Enumerable.Range(b * 1000, Math.Min(1000, records - (b * 1000))).Select(i => Record(tenant, i)), Web)))
            .ToArray();
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        await PostAsync(http, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { Record("warmup", 0) }, Web)), ct);

        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < bodies.Length)
            {
                await PostAsync(http, bodies[b], ct);
            }
        }));
        return records / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> ClientAsync(SandboxServer sandbox, string tenant, int records, int concurrency, CancellationToken ct)
    {
        var all = Enumerable.Range(0, records).Select(i => Record(tenant, i)).ToArray();
        var options = new CertyoClientOptions { BaseUrl = sandbox.BaseAddress, ApiKey = "sandbox-key" };
        var client = new CertyoClient(new HttpClient(), options, TimeProvider.System, NullLogger<CertyoClient>.Instance);
        await client.IngestBulkAsync([Record("warmup", 1)], ct);

        var chunks = all.Chunk(1000).ToArray();
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int c;
            while ((c = Interlocked.Increment(ref next)) < chunks.Length)
            {
                await client.IngestBulkAsync(chunks[c], ct);
            }
        }));
        return records / sw.Elapsed.TotalSeconds;
    }

    private static async Task PostAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/records/bulk") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-API-Key", "sandbox-key");
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static CertyoRecord Record(string tenant, int i) => new()
    {
        TenantId = tenant,
        Database = "odoo",
        Collection = "stock.picking",
        RecordId = $"WH/OUT/{i:D6}",
        RecordVersion = "1",
        RecordPayload = JsonDocument.Parse($$"""{"name":"WH/OUT/{{i:D6}}","state":"done","partner":"Azure Interior","scheduled_date":"2026-12-03 10:00:00","move_ids":[{"product":"FURN_7800","qty":{{i % 17 + 1}}},{"product":"FURN_0269","qty":2}]}""").RootElement,
        OperationType = "upsert",
        SourceTimestamp = "2026-12-03T10:00:00Z",
        IdempotencyKey = $"WH/OUT/{i:D6}-v1",
    };

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
