using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CertyoOdoo.Bench.Web;

/// <summary>
/// Records per second from notification to <c>ingested</c> (accepted by Certyo, status written back to
/// Odoo), with the simulator answering each RPC after 2 ms; and Odoo and Certyo calls per record.
/// N pickings are validated first (no webhooks), then one native notification per picking is sent at
/// once. Target: ≥ 500 records/s. Options: --records N (2000), --lines N (2), --postgres CONNSTRING.
/// </summary>
internal sealed class IngestThroughputBenchmark : IBenchmark
{
    public string Name => "web-throughput";

    public string Description => "records/s from notification to ingested, simulator at 2 ms per call; calls per record";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var n = WebBenchStack.Option(args, "--records", 2000);
        var lines = WebBenchStack.Option(args, "--lines", 2);
        var service = new Dictionary<string, string?>();
        var pg = Array.IndexOf(args, "--postgres");
        if (pg >= 0)
        {
            service["Storage:Provider"] = "postgres";
            service["ConnectionStrings:Ledger"] = args[pg + 1];
        }

        await using var stack = await WebBenchStack.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:Odoo:Latency"] = "00:00:00.002",
            ["Sandbox:Odoo:Seed:DonePickings"] = "0",
            ["Sandbox:Odoo:Seed:Productions"] = "0",
            ["Sandbox:Odoo:Seed:ReadyPickings"] = n.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = lines.ToString(CultureInfo.InvariantCulture),
        }, service, cancellationToken);

        // Let the start-up reconcile pass over an Odoo with nothing done, then validate everything.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var ids = await stack.IdsAsync("stock.picking", "assigned", cancellationToken);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            using var r = await stack.Http.PostAsync(new Uri(stack.Sandbox.BaseAddress, $"sandbox/odoo/pickings/{id}/validate"), null, ct);
            r.EnsureSuccessStatusCode();
        });

        using (var reset = await stack.Http.PostAsync(new Uri(stack.Sandbox.BaseAddress, "sandbox/odoo/stats/reset"), null, cancellationToken)) { }
        var certyoBefore = await stack.CertyoCallsAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            using var content = new StringContent($"{{\"_id\": {id}, \"_model\": \"stock.picking\"}}", Encoding.UTF8, "application/json");
            using var r = await stack.Http.PostAsync(new Uri(stack.Service, $"webhooks/odoo/demo?token={WebBenchStack.Secret}"), content, ct);
            r.EnsureSuccessStatusCode();
        });
        var intake = clock.Elapsed.TotalSeconds;

        long done = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var counts = await stack.CountsAsync(cancellationToken);
            done = counts.GetValueOrDefault("ingested") + counts.GetValueOrDefault("anchored");
            if (done >= ids.Count)
            {
                break;
            }

            await Task.Delay(50, cancellationToken);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var odooCalls = await stack.OdooCallsAsync(cancellationToken);
        var certyoAfter = await stack.CertyoCallsAsync(cancellationToken);
        var certyoCalls = certyoAfter.Sum(e => e.Value - certyoBefore.GetValueOrDefault(e.Key));
        var perEndpoint = string.Join(", ", certyoAfter.Select(e => $"{e.Key} {e.Value - certyoBefore.GetValueOrDefault(e.Key)}").Where(s => !s.EndsWith(" 0", StringComparison.Ordinal)));
        Console.WriteLine($"web-throughput: {done}/{ids.Count} pickings ({lines} lines) ingested in {elapsed:0.00} s " +
            $"(notifications sent in {intake:0.00} s) = {done / elapsed:0} records/s   (target >= 500)");
        Console.WriteLine($"  Odoo calls: {odooCalls} ({(double)odooCalls / ids.Count:0.000} per record), simulator latency 2 ms per call");
        Console.WriteLine($"  Certyo calls: {certyoCalls} ({(double)certyoCalls / ids.Count:0.000} per record; {perEndpoint})");
        return done >= ids.Count ? 0 : 1;
    }
}
