using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CertyoOdoo.Bench.Web;

/// <summary>
/// Webhook intake latency under an open-loop load (requests sent on a fixed schedule, not waiting for
/// answers), as Odoo 17 sends them: native bodies, four per validated picking, each picking a new record,
/// so the ingest job runs meanwhile. A warm-up phase at the same rate (the first seconds of a fresh
/// process: JIT, tiering, pools) is reported apart from the measured steady state.
/// Target: p99 &lt; 20 ms at 200 notifications/s.
/// Options: --rate N (200), --seconds N (20, measured), --warmup N (10), --postgres "cs", --fast-polling.
/// </summary>
internal sealed class IntakeLatencyBenchmark : IBenchmark
{
    public string Name => "web-intake";

    public string Description => "webhook intake latency p50/p99 at 200 notifications/s (service as a process, sandbox peers)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = WebBenchStack.Option(args, "--rate", 200);
        var measured = rate * WebBenchStack.Option(args, "--seconds", 20);
        var warmup = rate * WebBenchStack.Option(args, "--warmup", 10);

        // The service as deployed: default sweep, schedule and queue polling (the stack's defaults are
        // tuned for throughput runs). --fast-polling keeps the stack's.
        var service = args.Contains("--fast-polling") ? new Dictionary<string, string?>() : new Dictionary<string, string?>
        {
            ["Jobs:SweepInterval"] = "00:00:15",
            ["Jobs:SchedulePollingInterval"] = "00:00:05",
            ["Jobs:QueuePollInterval"] = "00:00:01",
        };
        var pgIndex = Array.IndexOf(args, "--postgres");
        if (pgIndex >= 0)
        {
            service["Storage:Provider"] = "postgres";
            service["ConnectionStrings:Ledger"] = args[pgIndex + 1];
        }

        await using var stack = await WebBenchStack.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:BatchWindow"] = "00:00:02",
            ["Sandbox:AnchorDelay"] = "00:00:02",
            ["Sandbox:Odoo:Seed:DonePickings"] = (((warmup + measured) / 4) + 1).ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:ReadyPickings"] = "0",
        }, service, cancellationToken);

        var ids = await stack.IdsAsync("stock.picking", "done", cancellationToken);
        var (cold, coldStatuses, _) = await LoadAsync(stack, ids, rate, warmup, first: 0, cancellationToken);

        var serverBefore = await stack.ServerBucketsAsync(cancellationToken);
        var cpuBefore = stack.ServiceCpu;
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (latencies, statuses, elapsed) = await LoadAsync(stack, ids, rate, measured, first: warmup, cancellationToken);
        var serviceCpu = stack.ServiceCpu - cpuBefore;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;

        var accepted = statuses.Count(s => s == 202) + coldStatuses.Count(s => s == 202);
        Console.WriteLine($"web-intake: {warmup} warm-up + {measured} measured notifications at {rate}/s ({measured / elapsed:0} /s achieved), " +
            $"{accepted} of {warmup + measured} answered 202");
        Console.WriteLine($"  latency ms, measured: {Describe(latencies)}   (target p99 < 20)");
        Console.WriteLine($"  latency ms, warm-up (fresh process): {Describe(cold)}");
        Console.WriteLine($"  warm-up p99 per 2 s: {string.Join("  ", cold.Chunk(rate * 2).Select(c => WebBenchStack.F(WebBenchStack.Percentile([.. c.Order()], 99))))}");
        Console.WriteLine($"  server-side, measured (the service's own histogram): {WebBenchStack.Describe(serverBefore, await stack.ServerBucketsAsync(cancellationToken))}");
        Console.WriteLine($"  CPU while measured: service {serviceCpu.TotalSeconds / elapsed * 100:0}% of a core ({serviceCpu.TotalMilliseconds / measured:0.00} ms per notification, jobs included), " +
            $"load generator + sandbox {benchCpu.TotalSeconds / elapsed * 100:0}%");
        var counts = await stack.CountsAsync(cancellationToken);
        Console.WriteLine($"  ledger rows: {string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}"))}");
        return accepted == warmup + measured ? 0 : 1;
    }

    private static string Describe(double[] latencies)
    {
        var sorted = latencies.Order().ToList();
        return $"p50 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 50))}  p90 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 90))}  " +
            $"p99 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 99))}  max {WebBenchStack.F(sorted.Count > 0 ? sorted[^1] : double.NaN)}";
    }

    /// <summary>Sends <paramref name="count"/> notifications on schedule; notification i names picking (first + i) / 4.</summary>
    private static async Task<(double[] Latencies, int[] Statuses, double Seconds)> LoadAsync(
        WebBenchStack stack, IReadOnlyList<int> ids, int rate, int count, int first, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var statuses = new int[count];
        var started = Stopwatch.StartNew();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var t = Stopwatch.GetTimestamp();
                statuses[index] = await PostAsync(stack, ids[((first + index) / 4) % ids.Count], cancellationToken); // 4 notifications per record, as 17 does
                latencies[index] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }, cancellationToken));
        }

        await Task.WhenAll(tasks);
        return (latencies, statuses, started.Elapsed.TotalSeconds);
    }

    private static async Task<int> PostAsync(WebBenchStack stack, int id, CancellationToken ct)
    {
        using var content = new StringContent($"{{\"_action\": \"Send Webhook Notification(#338)\", \"_id\": {id}, \"_model\": \"stock.picking\", \"id\": {id}, \"state\": \"done\"}}", Encoding.UTF8, "application/json");
        using var response = await stack.Http.PostAsync(new Uri(stack.Service, $"webhooks/odoo/demo?token={WebBenchStack.Secret}"), content, ct);
        return (int)response.StatusCode;
    }
}
