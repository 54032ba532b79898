using System.Diagnostics;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Bench.Soak;

/// <summary>
/// The soak (issue 6): the simulator's pickings validated in Odoo 17 (native webhooks with their duplicates)
/// → two service instances sharing PostgreSQL → the Certyo sandbox, with faults on both peers, one instance
/// SIGKILLed and restarted twice mid-run; then it waits for the drain and prints what arrived, how often
/// and how fast. Faults off: no faults, no kills, for the throughput from notification to ingested.
/// </summary>
internal sealed class SoakBenchmark : IBenchmark
{
    private const string SandboxHealth = "/swagger/v1/swagger.json";
    private const string ServiceHealth = "/health/live";

    public string Name => "soak";

    public string Description => "soak: --records 10000 [--faults off [--backlog on]] [--parallel 4] [--timeout 40] (2 instances, PostgreSQL, SIGKILLs)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = SoakOptions.Parse(args);
        Console.WriteLine($"soak: {options.Records} records, faults {(options.Faults ? "on" : "off")}, {options.Parallel} validators");
        var work = Directory.CreateTempSubdirectory("certyo-soak-");
        await using var postgres = await SoakPostgres.StartAsync(cancellationToken);
        var ledgerDb = await TestPostgres.CreateDatabaseAsync("soak");
        await using var ledger = new SoakLedger(ledgerDb);

        int[] ports = [AppProcess.FreePort(), AppProcess.FreePort()];
        await using var webhooks = await LoopbackProxy.StartAsync([.. ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))], _ => "webhook");
        var setup = Stopwatch.StartNew();
        await using var sandbox = await AppProcess.StartAsync("sandbox", AppProcess.LocateBuiltApp("CertyoOdoo.Sandbox"),
            SoakSettings.Sandbox(options, webhooks.BaseAddress, work.FullName), SandboxHealth, TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        await using var peers = await LoopbackProxy.StartAsync([sandbox.BaseAddress],
            r => r.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal) ? "certyo" : "odoo");
        await using var instances = new SoakInstances(AppProcess.LocateBuiltApp("CertyoOdoo.Web"),
            SoakSettings.Service(options, ledgerDb, peers.BaseAddress), ports, ServiceHealth);
        await instances.StartAllAsync(cancellationToken);

        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var driver = new SandboxDriver(http);
        var ids = await driver.ReadyPickingIdsAsync(cancellationToken);
        Console.WriteLine($"setup: {ids.Length} ready pickings, sandbox and 2 instances up in {setup.Elapsed.TotalSeconds:F1} s");
        if (ids.Length < options.Records)
        {
            Console.WriteLine($"FAIL: the simulator seeded {ids.Length} ready pickings, {options.Records} asked");
            return 1;
        }

        // Validate with a few concurrent users; SIGKILL instance 2 at a third and two thirds of the way.
        peers.Refusing = options.Backlog ? "odoo" : null;
        var run = Stopwatch.StartNew();
        var validated = 0;
        var refused = 0;
        var kills = options.Faults ? new Queue<int>([options.Records / 3, 2 * options.Records / 3]) : new Queue<int>();
        var killGate = new SemaphoreSlim(1, 1);
        using var progress = new Timer(_ => Console.WriteLine($"  {run.Elapsed.TotalSeconds,6:F0} s: validated {Volatile.Read(ref validated)}"), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
        await Parallel.ForEachAsync(ids.Take(options.Records), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (!await driver.ValidatePickingAsync(id, ct))
                {
                    Interlocked.Increment(ref refused);
                }

                var done = Interlocked.Increment(ref validated);
                if (kills.Count > 0 && done >= kills.Peek() && await killGate.WaitAsync(0, ct))
                {
                    try
                    {
                        if (kills.Count > 0 && done >= kills.Peek())
                        {
                            kills.Dequeue();
                            Console.WriteLine($"  {run.Elapsed.TotalSeconds,6:F0} s: SIGKILL instance 2 after {done} validations, restarting it");
                            await instances.KillAndRestartAsync(1, ct);
                        }
                    }
                    finally
                    {
                        killGate.Release();
                    }
                }
            });
        var validation = run.Elapsed;
        await progress.DisposeAsync();
        Console.WriteLine($"validated {validated - refused} in {validation.TotalSeconds:F1} s ({refused} refused by the simulator)");

        // Drain: every record anchored in the ledger and written back to Odoo, or the deadline.
        var records = validated - refused;
        long? backlogFrom = null;
        if (options.Backlog)
        {
            await ledger.WaitNotifiedAsync(records, cancellationToken);
            backlogFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            peers.Refusing = null;
            Console.WriteLine($"backlog: {records} notified records waiting; Odoo back up");
        }

        var (writtenBack, drained) = (0, false);
        while (run.Elapsed < options.Timeout)
        {
            var statuses = await ledger.StatusCountsAsync(cancellationToken);
            writtenBack = await driver.CountAsync("stock.picking", "x_certyo_anchor_status", "anchored", cancellationToken);
            Console.WriteLine($"  {run.Elapsed.TotalSeconds,6:F0} s: ledger {SoakLedger.Format(statuses)}; written back {writtenBack}");
            if (writtenBack >= records && statuses.GetValueOrDefault("anchored") >= records)
            {
                drained = true;
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        var drainTime = run.Elapsed - validation;
        var report = new SoakReport(
            Records: records,
            Sandbox: await driver.CertyoStatsAsync(SoakOptions.Tenant, cancellationToken),
            Ledger: await ledger.StatusCountsAsync(cancellationToken),
            WrittenBack: writtenBack,
            Throughput: await ledger.IngestThroughputAsync(backlogFrom, cancellationToken),
            IngestLag: await ledger.IngestLagAsync(cancellationToken),
            OdooCalls: peers.Count("odoo"),
            CertyoCalls: peers.Count("certyo"),
            Webhooks: webhooks.Count("webhook"),
            WebhookP50: webhooks.LatencyQuantile("webhook", 0.50),
            WebhookP99: webhooks.LatencyQuantile("webhook", 0.99),
            Validation: validation,
            Drain: drained ? drainTime : null,
            PeakMemory: instances.PeakMemoryBytes,
            Restarts: instances.Restarts);
        report.Print(options);
        if (backlogFrom is not null)
        {
            Console.WriteLine($"(backlog mode: throughput counted from Odoo's return, {records} records waiting, to the last ingest)");
        }

        Directory.Delete(work.FullName, recursive: true);
        return report.Passed ? 0 : 1;
    }
}
