using System.Diagnostics;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Bench.Web;

/// <summary>
/// The webhook's storage step alone (no HTTP, no jobs): <see cref="NotificationInbox.AppendAsync"/> at a
/// fixed rate, open loop, then one fold of everything appended. Separates the database's share of the
/// intake latency from the rest. Options: --rate N (200), --seconds N (10), --postgres "cs" (an empty database).
/// </summary>
internal sealed class InboxAppendBenchmark : IBenchmark
{
    public string Name => "web-inbox";

    public string Description => "webhook inbox append latency p50/p99 at 200/s, and fold time (storage only)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rate = WebBenchStack.Option(args, "--rate", 200);
        var total = rate * WebBenchStack.Option(args, "--seconds", 10);
        var pg = Array.IndexOf(args, "--postgres");
        var dir = Directory.CreateTempSubdirectory("certyo-inbox-bench-").FullName;
        var storage = pg >= 0
            ? new StorageOptions { Provider = "postgres", ConnectionString = args[pg + 1] }
            : new StorageOptions { Provider = "sqlite", SqlitePath = Path.Combine(dir, "ledger.db") };
        await using var database = new LedgerDatabase(Options.Create(storage), new HostingEnvironment { ContentRootPath = dir });
        await new LedgerMigrations(database, NullLogger<LedgerMigrations>.Instance).MigrateAsync(cancellationToken);
        var store = new LedgerStore(database);
        await using var inbox = new NotificationInbox(database, store);
        for (var i = 0; i < 50; i++)
        {
            await inbox.AppendAsync("demo", "stock.picking", [i + 1], "warm-up", TimeProvider.System.GetUtcNow(), cancellationToken);
        }

        await inbox.FoldAsync(1000, TimeProvider.System.GetUtcNow(), cancellationToken);
        var latencies = new double[total];
        var started = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
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
                await inbox.AppendAsync("demo", "stock.picking", [1 + (index / 4)], "notified (native)", TimeProvider.System.GetUtcNow(), cancellationToken);
                latencies[index] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }, cancellationToken));
        }

        await Task.WhenAll(tasks);
        var sorted = latencies.Order().ToList();
        var fold = Stopwatch.StartNew();
        var folded = 0;
        while ((await inbox.FoldAsync(2000, TimeProvider.System.GetUtcNow(), cancellationToken)).Entries is > 0 and var n)
        {
            folded += n;
        }

        Console.WriteLine($"web-inbox ({storage.Provider}): {total} appends at {rate}/s");
        Console.WriteLine($"  append latency ms: p50 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 50))}  p90 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 90))}  " +
            $"p99 {WebBenchStack.F(WebBenchStack.Percentile(sorted, 99))}  max {WebBenchStack.F(sorted[^1])}");
        Console.WriteLine($"  fold: {folded} entries into {total / 4} ledger rows in {fold.ElapsedMilliseconds} ms");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return folded == total ? 0 : 1;
    }
}
