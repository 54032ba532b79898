using System.Diagnostics;
using System.Text;

namespace CertyoOdoo.Bench.Web;

/// <summary>
/// Webhook intake latency under an open-loop load (requests sent on a fixed schedule, not waiting for
/// answers), as Odoo 17 sends them: native bodies, four per validated picking. The jobs run meanwhile.
/// Target: p99 &lt; 20 ms at 200 notifications/s. Options: --rate N (200), --seconds N (10), --provider sqlite|postgres.
/// </summary>
internal sealed class IntakeLatencyBenchmark : IBenchmark
{
    public string Name => "web-intake";

    public string Description => "webhook intake latency p50/p99 at 200 notifications/s (service as a process, sandbox peers)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = WebBenchStack.Option(args, "--rate", 200);
        var seconds = WebBenchStack.Option(args, "--seconds", 10);
        var total = rate * seconds;
        var service = new Dictionary<string, string?>();
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
            ["Sandbox:Odoo:Seed:DonePickings"] = ((total / 4) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:ReadyPickings"] = "0",
        }, service, cancellationToken);

        var ids = await stack.IdsAsync("stock.picking", "done", cancellationToken);

        // Warm-up: connections, JIT, the ledger's first writes.
        for (var i = 0; i < 50; i++)
        {
            await PostAsync(stack, ids[0], cancellationToken);
        }

        var serverBefore = await stack.ServerBucketsAsync(cancellationToken);
        var latencies = new double[total];
        var statuses = new int[total];
        var started = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var t = Stopwatch.GetTimestamp();
                statuses[index] = await PostAsync(stack, ids[(index / 4) % ids.Count], cancellationToken); // 4 notifications per record, as 17 does
                latencies[index] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }, cancellationToken));
        }

        await Task.WhenAll(tasks);
        var elapsed = started.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        var accepted = statuses.Count(s => s == 202);
        Console.WriteLine($"web-intake: {total} notifications at {rate}/s over {elapsed:0.0} s ({total / elapsed:0} /s achieved), {accepted} answered 202");
        Console.WriteLine($"  latency ms: p50 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 50))}  p90 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 90))}  " +
            $"p99 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 99))}  max {WebBenchStack.F(sorted[^1])}   (target p99 < 20)");
        Console.WriteLine($"  server-side (the service's own histogram): {WebBenchStack.Describe(serverBefore, await stack.ServerBucketsAsync(cancellationToken))}");
        var counts = await stack.CountsAsync(cancellationToken);
        Console.WriteLine($"  ledger rows: {string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}"))}");
        return accepted == total ? 0 : 1;
    }

    private static async Task<int> PostAsync(WebBenchStack stack, int id, CancellationToken ct)
    {
        using var content = new StringContent($"{{\"_action\": \"Send Webhook Notification(#338)\", \"_id\": {id}, \"_model\": \"stock.picking\", \"id\": {id}, \"state\": \"done\"}}", Encoding.UTF8, "application/json");
        using var response = await stack.Http.PostAsync(new Uri(stack.Service, $"webhooks/odoo/demo?token={WebBenchStack.Secret}"), content, ct);
        return (int)response.StatusCode;
    }
}
