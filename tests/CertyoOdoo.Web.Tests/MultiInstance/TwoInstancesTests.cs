using System.Diagnostics;
using CertyoOdoo.Testing;
using Npgsql;

namespace CertyoOdoo.Web.Tests.MultiInstance;

/// <summary>
/// Two service processes on one PostgreSQL (ledger and Hangfire's tables shared), as the Kubernetes
/// Deployment runs them behind its Service (a round-robin proxy here): every validated picking reaches
/// Certyo exactly once and is written back, and both instances run jobs. Processes, not hosts in this
/// one, because Hangfire's state is static.
/// </summary>
public sealed class TwoInstancesTests
{
    private const int Pickings = 120;
    private const string Tenant = "multi";
    private const string Secret = "multi-instance-webhook-secret-0123";

    [Fact]
    public async Task Two_instances_share_the_work_and_send_each_record_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var ledger = await TestPostgres.CreateDatabaseAsync("multi");
        int[] ports = [AppProcess.FreePort(), AppProcess.FreePort()];
        // Both instances take webhooks, as behind a Service: each one's own signals then start jobs on it
        // (a job enqueued in a process wakes that process's workers first).
        await using var service = await LoopbackProxy.StartAsync(
            [new Uri($"http://127.0.0.1:{ports[0]}/"), new Uri($"http://127.0.0.1:{ports[1]}/")], _ => "webhook");
        await using var sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:BatchWindow"] = "00:00:01",
            ["Sandbox:AnchorDelay"] = "00:00:01",
            ["Sandbox:Odoo:Version"] = "17",
            ["Sandbox:Odoo:Seed:DonePickings"] = "0",
            ["Sandbox:Odoo:Seed:ReadyPickings"] = $"{Pickings}",
            ["Sandbox:Odoo:Seed:Productions"] = "0",
            ["Sandbox:Odoo:Seed:ReadyProductions"] = "0",
            // Native 17 webhooks (four per record), spread over both instances.
            ["Sandbox:Odoo:Webhooks:Url"] = new Uri(service.BaseAddress, $"webhooks/odoo/{Tenant}?token={Secret}").ToString(),
        });
        var settings = ServiceSettings(ledger, sandbox.BaseAddress);
        var dll = AppProcess.LocateBuiltApp("CertyoOdoo.Web");
        // One after the other: both migrate at start, and the first run creates Hangfire's schema.
        await using var first = await AppProcess.StartAsync("instance 1", dll, settings, "/health/live", TimeSpan.FromMinutes(2), ports[0], ct);
        await using var second = await AppProcess.StartAsync("instance 2", dll, settings, "/health/live", TimeSpan.FromMinutes(2), ports[1], ct);

        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var driver = new SandboxDriver(http);
        var ids = await driver.ReadyPickingIdsAsync(ct);
        Assert.Equal(Pickings, ids.Length);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (id, token) => Assert.True(await driver.ValidatePickingAsync(id, token), $"picking {id} not validated"));

        var written = await WaitForAsync(() => driver.CountAsync("stock.picking", "x_certyo_anchor_status", "anchored", ct), Pickings,
            () => $"instance 1:\n{first.RecentOutput}\ninstance 2:\n{second.RecentOutput}", ct);
        Assert.Equal(Pickings, written);

        var stats = await driver.CertyoStatsAsync(Tenant, ct);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(Pickings, stats.Records);

        var jobsByInstance = await JobsRunByProcessAsync(ledger, [first.Pid, second.Pid], ct);
        Assert.True(jobsByInstance.All(n => n > 0), $"jobs run per instance: {string.Join(", ", jobsByInstance)}");
    }

    private static Dictionary<string, string?> ServiceSettings(string ledger, Uri sandbox) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Ledger"] = ledger,
        [$"Tenants:{Tenant}:Odoo:Url"] = sandbox.ToString(),
        [$"Tenants:{Tenant}:Odoo:Database"] = "demo",
        [$"Tenants:{Tenant}:Odoo:Login"] = "admin",
        [$"Tenants:{Tenant}:Odoo:ApiKey"] = "admin",
        [$"Tenants:{Tenant}:Certyo:BaseUrl"] = sandbox.ToString(),
        [$"Tenants:{Tenant}:Certyo:ApiKey"] = "sandbox-key",
        [$"Tenants:{Tenant}:Certyo:TenantId"] = Tenant,
        [$"Tenants:{Tenant}:Webhook:Secret"] = Secret,
        // Small batches, so that there are enough jobs for both instances to take some.
        ["Jobs:IngestBatchSize"] = "10",
        ["Jobs:VerifyBatchSize"] = "10",
        ["Jobs:SweepInterval"] = "00:00:01",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Jobs:NotDoneRetryDelay"] = "00:00:01",
        ["Jobs:FailureBackoffBase"] = "00:00:01",
        ["Jobs:FailureBackoffMax"] = "00:00:02",
        ["Jobs:VerifyFirstDelay"] = "00:00:02",
        ["Jobs:VerifyMaxDelay"] = "00:00:04",
        ["Jobs:QueuePollInterval"] = "00:00:01",
    };

    private static async Task<int> WaitForAsync(Func<Task<int>> count, int expected, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = 0;
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            last = await count();
            if (last >= expected)
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        Assert.Fail($"{last} of {expected} written back after {deadline.Elapsed}.\n{diagnostics()}");
        return last;
    }

    /// <summary>Jobs each process started, from Hangfire's Processing states (ServerId is "host:pid:guid").</summary>
    private static async Task<int[]> JobsRunByProcessAsync(string ledger, int[] pids, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(ledger);
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT data->>'ServerId' FROM hangfire.state WHERE name = 'Processing'", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var counts = new int[pids.Length];
        while (await reader.ReadAsync(cancellationToken))
        {
            var server = reader.IsDBNull(0) ? "" : reader.GetString(0);
            for (var i = 0; i < pids.Length; i++)
            {
                if (server.Contains($":{pids[i]}:", StringComparison.Ordinal))
                {
                    counts[i]++;
                }
            }
        }

        return counts;
    }
}
