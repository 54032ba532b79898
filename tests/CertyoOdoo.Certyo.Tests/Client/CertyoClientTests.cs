using System.Diagnostics;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Merkle;
using CertyoOdoo.Testing;
using static CertyoOdoo.Certyo.Tests.Client.ClientTestKit;

namespace CertyoOdoo.Certyo.Tests.Client;

/// <summary>The client against the running sandbox over loopback HTTP.</summary>
public sealed class CertyoClientTests
{
    [Fact]
    public async Task Bulk_of_1000_is_one_call_and_1001_two_chunks_with_results_in_order()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var client = NewClient(sandbox);

        var thousand = Enumerable.Range(0, 1000).Select(i => Record(i, "t1000")).ToArray();
        var results = await client.IngestBulkAsync(thousand);
        Assert.Equal(thousand.Select(r => r.RecordId), results.Select(r => r.RecordId));
        Assert.Equal(thousand.Select(RecordHasher.Hash), results.Select(r => r.RecordHash));
        Assert.Equal(1, (await CallsAsync(sandbox, "POST /api/v1/records/bulk"))!.Value.GetProperty("calls").GetInt64());

        var more = Enumerable.Range(0, 1001).Select(i => Record(i, "t1001")).ToArray();
        results = await client.IngestBulkAsync(more);
        Assert.Equal(more.Select(r => r.RecordId), results.Select(r => r.RecordId));
        Assert.All(results, r => Assert.False(r.IdempotencyReplayed));
        Assert.Equal(3, (await CallsAsync(sandbox, "POST /api/v1/records/bulk"))!.Value.GetProperty("calls").GetInt64());
        Assert.Equal((1001L, 0L), ((await StatsAsync(sandbox, "t1001")).Records, (await StatsAsync(sandbox, "t1001")).Duplicates));
    }

    [Fact]
    public async Task Same_key_same_record_replays_and_same_key_other_record_conflicts()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var client = NewClient(sandbox);
        var first = await client.IngestAsync(Record(1));
        var again = await client.IngestAsync(Record(1));

        Assert.False(first.IdempotencyReplayed);
        Assert.True(again.IdempotencyReplayed);
        Assert.Equal(first with { IdempotencyReplayed = true }, again);

        var other = Record(1, payload: ",\"changed\":true");
        var conflict = await Assert.ThrowsAsync<CertyoConflictException>(() => client.IngestAsync(other));
        Assert.Equal(409, conflict.StatusCode);
        Assert.Equal("WH/OUT/00001", conflict.FailedRecords[0]);

        // Bulk: the conflicting element is named by index, and nothing of the call is stored.
        var bulk = new[] { Record(10), Record(1, payload: ",\"changed\":true"), Record(11) };
        var bulkConflict = await Assert.ThrowsAsync<CertyoConflictException>(() => client.IngestBulkAsync(bulk));
        Assert.Equal([1], bulkConflict.FailedRecords.Keys);
        Assert.Contains("idempotency", bulkConflict.FailureReasons[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await StatsAsync(sandbox, "t1")).Records);
    }

    [Fact]
    public async Task A_wrong_key_fails_at_once_and_never_shows_in_messages_or_logs()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var logger = new ListLogger<CertyoClient>();
        const string secret = "not-the-key-5f3a9c";
        var client = NewClient(sandbox, logger, o => o.ApiKey = secret);

        var error = await Assert.ThrowsAsync<CertyoAuthenticationException>(() => client.IngestAsync(Record(1)));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(secret, line, StringComparison.Ordinal));
        Assert.Equal(1, (await CallsAsync(sandbox, "POST /api/v1/records"))!.Value.GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task A_record_over_1_MiB_gets_413_without_retries()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var client = NewClient(sandbox);
        var big = Record(1, payload: $",\"blob\":\"{new string('x', 1024 * 1024)}\"");

        var error = await Assert.ThrowsAsync<CertyoPayloadTooLargeException>(() => client.IngestAsync(big));

        Assert.Equal(413, error.StatusCode);
        Assert.Equal(1, (await CallsAsync(sandbox, "POST /api/v1/records"))!.Value.GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task An_invalid_bulk_element_is_named_by_index_and_reason()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var client = NewClient(sandbox, tweak: o => o.BulkChunkSize = 2);
        var records = new[] { Record(0), Record(1), Record(2), Record(3) with { OperationType = "merge" } };

        var error = await Assert.ThrowsAsync<CertyoValidationException>(() => client.IngestBulkAsync(records));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal([3], error.FailedRecords.Keys);
        Assert.Equal("WH/OUT/00003", error.FailedRecords[3]);
        Assert.Contains("operationType", error.FailureReasons[3], StringComparison.Ordinal);
        Assert.Equal(["WH/OUT/00000", "WH/OUT/00001"], error.CompletedResults.Select(r => r.RecordId));
    }

    [Fact]
    public async Task A_record_without_idempotency_key_is_refused_before_any_http()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var client = NewClient(sandbox);

        await Assert.ThrowsAsync<ArgumentException>(() => client.IngestAsync(Record(1, key: null)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.IngestBulkAsync([Record(1), Record(2, key: " ")]));

        var calls = await GetJsonAsync(sandbox, "sandbox/certyo/calls");
        Assert.Empty(calls.GetProperty("endpoints").EnumerateObject());
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_honoured()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(
            ("Sandbox:Faults:RateLimitRate", "0.5"), ("Sandbox:Faults:RetryAfterSeconds", "1"), ("Sandbox:Faults:Seed", "7")));
        // Without Retry-After the backoff would be a few milliseconds.
        var client = NewClient(sandbox, tweak: o => { o.BaseDelay = TimeSpan.FromMilliseconds(1); o.MaxDelay = TimeSpan.FromMilliseconds(5); });

        for (var i = 0; i < 4; i++)
        {
            await client.IngestAsync(Record(i));
        }

        var calls = (await GetJsonAsync(sandbox, "sandbox/certyo/calls")).GetProperty("recent").EnumerateArray().ToList();
        var limited = 0;
        for (var i = 0; i < calls.Count - 1; i++)
        {
            if (calls[i].GetProperty("status").GetInt32() == 429)
            {
                limited++;
                var gap = calls[i + 1].GetProperty("at").GetDateTimeOffset() - calls[i].GetProperty("at").GetDateTimeOffset();
                Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retry came {gap.TotalMilliseconds} ms after a 429 with Retry-After: 1");
            }
        }

        Assert.True(limited >= 1, "the seeded dice gave no 429; the test proved nothing");
        Assert.Equal(4, (await StatsAsync(sandbox, "t1")).Records);
    }

    [Fact]
    public async Task With_errors_and_dropped_answers_5000_records_land_exactly_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(
            ("Sandbox:Faults:ErrorRate", "0.3"), ("Sandbox:Faults:DropAfterAcceptRate", "0.2"), ("Sandbox:Faults:Seed", "42")));
        var client = NewClient(sandbox, tweak: o => { o.BulkChunkSize = 100; o.MaxAttempts = 20; });

        var bulk = Enumerable.Range(0, 4500).Select(i => Record(i, "soak")).ToArray();
        var singles = Enumerable.Range(4500, 500).Select(i => Record(i, "soak")).ToArray();
        var bulkTask = client.IngestBulkAsync(bulk);
        var singleResults = new List<IngestResult>();
        foreach (var chunk in singles.Chunk(25))
        {
            singleResults.AddRange(await Task.WhenAll(chunk.Select(r => client.IngestAsync(r))));
        }

        var bulkResults = await bulkTask;

        Assert.Equal(bulk.Select(r => r.RecordId), bulkResults.Select(r => r.RecordId));
        Assert.Equal(singles.Select(r => r.RecordId), singleResults.Select(r => r.RecordId));
        var (records, duplicates, _) = await StatsAsync(sandbox, "soak");
        Assert.Equal(5000, records);
        Assert.Equal(0, duplicates);

        var calls = await GetJsonAsync(sandbox, "sandbox/certyo/calls");
        var endpoints = calls.GetProperty("endpoints");
        var dropped = endpoints.EnumerateObject().Sum(e => e.Value.GetProperty("droppedAfterAccept").GetInt64());
        var errors = endpoints.EnumerateObject().Sum(e => e.Value.GetProperty("injectedErrors").GetInt64());
        Assert.True(dropped > 10 && errors > 10, $"faults injected: {errors} errors, {dropped} drops");
        Assert.Contains(bulkResults.Concat(singleResults), r => r.IdempotencyReplayed);

        var one = await client.QueryAsync(new CertyoQuery("soak", RecordId: "WH/OUT/04321"));
        Assert.Single(one);
        Assert.Equal(RecordHasher.Hash(Record(4321, "soak")), one[0].RecordHash);
    }

    [Fact]
    public async Task Verify_says_pending_then_verified_with_a_proof_that_checks()
    {
        // A window long enough that the first verify lands before the seal even on a busy machine (0.5 s did not, under CI load).
        await using var sandbox = await SandboxServer.StartAsync(Settings(
            ("Sandbox:BatchWindow", "00:00:03"), ("Sandbox:AnchorDelay", "00:00:00.200")));
        var client = NewClient(sandbox);
        var records = Enumerable.Range(0, 5).Select(i => Record(i)).ToArray();
        await client.IngestBulkAsync(records);
        var request = new VerifyRequest("t1", "odoo", "stock.picking", records[3].RecordId);

        var early = await client.VerifyAsync(request);
        Assert.NotNull(early);
        Assert.False(early.Verified);
        Assert.Equal("pending", early.Status);

        var sw = Stopwatch.StartNew();
        var result = await EventuallyAsync<VerifyResult?>(() => client.VerifyAsync(request), r => r?.Verified == true, TimeSpan.FromSeconds(15));
        Assert.NotNull(result);
        Assert.True(result.Verified, $"not verified after {sw.Elapsed}: {result.Status}");
        Assert.Equal("anchored", result.Status);
        Assert.Equal(RecordHasher.Hash(records[3]), result.RecordHash);
        Assert.Equal(3, result.LeafIndex);
        Assert.Equal(5, result.TreeSize);
        Assert.True(MerkleProof.VerifyRecord(result.RecordHash!, result.LeafIndex!.Value, result.TreeSize!.Value, result.Proof!, result.MerkleRoot!));
        Assert.Equal(MerkleTree.FromRecordHashes(records.Select(RecordHasher.Hash).ToArray()).RootHex, result.MerkleRoot);
        Assert.False(MerkleProof.VerifyRecord(RecordHasher.Hash(records[2]), 3, 5, result.Proof!, result.MerkleRoot!));
        Assert.NotNull(result.IpfsCid);
        Assert.StartsWith("0x", result.PolygonTxHash, StringComparison.Ordinal);
        Assert.NotNull(result.AnchoredAt);

        Assert.Null(await client.VerifyAsync(request with { RecordId = "WH/OUT/99999" }));
    }
}
