using System.Net;
using System.Text.Json;
using CertyoOdoo.Certyo.Merkle;
using CertyoOdoo.Testing;
using static CertyoOdoo.Sandbox.Tests.Certyo.SandboxHttp;

namespace CertyoOdoo.Sandbox.Tests.Certyo;

/// <summary>Batches by count and window, anchoring after the delay, proofs, and durability across restarts.</summary>
public sealed class CertyoSandboxBatchingTests
{
    [Fact]
    public async Task A_batch_seals_at_max_size_in_acceptance_order()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(
            ("Sandbox:MaxBatchSize", "10"), ("Sandbox:BatchWindow", "01:00:00"), ("Sandbox:AnchorDelay", "01:00:00")));
        using var http = new SandboxHttp(sandbox);
        var bulk = "[" + string.Join(",", Enumerable.Range(0, 25).Select(i => Record(i))) + "]";
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("api/v1/records/bulk", bulk)).StatusCode);

        var first = await http.VerifyAsync(0);
        Assert.Equal("batched", first.GetProperty("status").GetString());
        Assert.False(first.GetProperty("verified").GetBoolean());
        Assert.Equal(10, first.GetProperty("treeSize").GetInt64());
        Assert.True(ProofChecks(first));

        var twelfth = await http.VerifyAsync(12);
        Assert.Equal(2, twelfth.GetProperty("leafIndex").GetInt64());
        Assert.True(ProofChecks(twelfth));
        Assert.NotEqual(first.GetProperty("merkleRoot").GetString(), twelfth.GetProperty("merkleRoot").GetString());

        var last = await http.VerifyAsync(24);
        Assert.Equal("pending", last.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("merkleRoot").ValueKind);
        Assert.Equal(3, (await http.StatsAsync()).GetProperty("batches").GetInt64());
    }

    [Fact]
    public async Task A_window_seals_a_partial_batch_and_the_delay_anchors_it()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(
            ("Sandbox:BatchWindow", "00:00:00.300"), ("Sandbox:AnchorDelay", "00:00:00.300")));
        using var http = new SandboxHttp(sandbox);
        await http.PostAsync("api/v1/records/bulk", $"[{Record(0)},{Record(1)},{Record(2)}]");

        var anchored = await EventuallyAsync(() => http.VerifyAsync(1), v => v.GetProperty("verified").GetBoolean(), TimeSpan.FromSeconds(15));

        Assert.Equal("anchored", anchored.GetProperty("status").GetString());
        Assert.Equal(3, anchored.GetProperty("treeSize").GetInt64());
        Assert.True(ProofChecks(anchored));
        Assert.StartsWith("bafkrei", anchored.GetProperty("ipfsCid").GetString(), StringComparison.Ordinal);
        Assert.Equal(66, anchored.GetProperty("polygonTxHash").GetString()!.Length);
        Assert.True(anchored.GetProperty("blockNumber").GetInt64() > 0);
        Assert.Contains("sandbox", anchored.GetProperty("sandboxNote").GetString(), StringComparison.Ordinal);
        var stats = await http.StatsAsync();
        Assert.Equal(3, stats.GetProperty("anchored").GetInt64());
        Assert.Equal(0, stats.GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task A_restart_loses_nothing_and_a_pending_batch_still_seals()
    {
        var path = Path.Combine(Path.GetTempPath(), $"certyo-sandbox-{Guid.NewGuid():N}.db");
        try
        {
            var settings = Settings(("Sandbox:DatabasePath", path), ("Sandbox:BatchWindow", "00:00:02"), ("Sandbox:AnchorDelay", "00:00:00.200"));
            await using (var first = await SandboxServer.StartAsync(settings))
            {
                using var http = new SandboxHttp(first);
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("api/v1/records/bulk", $"[{Record(0)},{Record(1)},{Record(2)}]")).StatusCode);
                Assert.Equal("pending", (await http.VerifyAsync(2)).GetProperty("status").GetString());
            }

            await using var second = await SandboxServer.StartAsync(settings);
            using var again = new SandboxHttp(second);
            Assert.Equal(3, (await again.StatsAsync()).GetProperty("records").GetInt64());

            using var replay = await again.PostAsync("api/v1/records", Record(1));
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.True(JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("idempotencyReplayed").GetBoolean());

            var anchored = await EventuallyAsync(() => again.VerifyAsync(2), v => v.GetProperty("verified").GetBoolean(), TimeSpan.FromSeconds(20));
            Assert.True(anchored.GetProperty("verified").GetBoolean());
            Assert.Equal(2, anchored.GetProperty("leafIndex").GetInt64());
            Assert.True(ProofChecks(anchored));
            Assert.Equal(0, (await again.StatsAsync()).GetProperty("duplicates").GetInt64());
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static bool ProofChecks(JsonElement verify) => MerkleProof.VerifyRecord(
        verify.GetProperty("recordHash").GetString()!,
        verify.GetProperty("leafIndex").GetInt64(),
        verify.GetProperty("treeSize").GetInt64(),
        verify.GetProperty("proof").EnumerateArray().Select(p => p.GetString()!).ToArray(),
        verify.GetProperty("merkleRoot").GetString()!);
}
