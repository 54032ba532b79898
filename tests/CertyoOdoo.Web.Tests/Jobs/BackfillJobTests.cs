using System.Net;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tests.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>
/// Backfills against the Odoo simulator and the real ledger on both stores: the range is exact across pages,
/// a page recorded twice counts once, and the progress follows the found records to anchored.
/// </summary>
public sealed class BackfillJobTests(ITestOutputHelper output)
{
    private const string Picking = JobsStack.Picking;
    private const int PageSize = 3;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_backfill_takes_exactly_the_done_records_of_its_range_and_follows_them_to_anchored(string provider)
    {
        await using var jobs = await JobsStack.StartAsync(provider, donePickings: 14, readyPickings: 0, pageSize: PageSize);
        if (jobs is null) { return; }
        var (from, to, inside, outside) = await RangeAsync(jobs);

        var (response, body) = await jobs.Api.PostJsonAsync("/api/tenants/demo/backfill", new { model = Picking, from, to });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body?.ToJsonString());
        var id = body!["id"]!.GetValue<long>();

        var paged = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var run = await jobs.BackfillAsync(id);
            return run["state"]!.GetValue<string>() == "done" ? run : null;
        }, "the backfill to read every page");
        Assert.Equal((8, 8, 3), (Int(paged, "found"), Int(paged, "queued"), Int(paged, "batches"))); // 3 + 3 + 2 in range
        Assert.Equal(8, Int(paged, "pending") + Int(paged, "done"));
        Assert.Null(paged["lastError"]);
        foreach (var odooId in inside)
        {
            Assert.NotNull(await jobs.Stack.LedgerEntryAsync(Picking, odooId));
        }

        foreach (var odooId in outside)
        {
            Assert.Null(await jobs.Stack.LedgerEntryAsync(Picking, odooId));
        }

        await jobs.Stack.WaitAnchoredAsync(8, TimeSpan.FromSeconds(40));
        var complete = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var run = await jobs.BackfillAsync(id);
            return Int(run, "anchored") == 8 ? run : null;
        }, "the backfill's records to be counted anchored");
        output.WriteLine(complete.ToJsonString());
        Assert.Equal(
            (8, 0, 0, 0, 0, 8, 100.0),
            (Int(complete, "found"), Int(complete, "pending"), Int(complete, "ingested"), Int(complete, "skipped"), Int(complete, "dead"),
             Int(complete, "done"), complete["percentDone"]!.GetValue<double>()));
        foreach (var odooId in inside)
        {
            Assert.Equal("anchored", (await jobs.Stack.OdooRecordAsync(Picking, odooId)).GetProperty("x_certyo_anchor_status").GetString());
        }

        var certyo = await jobs.Stack.CertyoStatsAsync();
        Assert.Equal((8L, 0L), (certyo.Records, certyo.Duplicates));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_page_run_twice_is_counted_once(string provider)
    {
        await using var jobs = await JobsStack.StartAsync(provider, donePickings: 14, readyPickings: 0, pageSize: PageSize);
        if (jobs is null) { return; }
        var (from, to, inside, outside) = await RangeAsync(jobs);
        var recorder = new RecordingJobClient();
        var backfills = ActivatorUtilities.CreateInstance<BackfillService>(jobs.Services, recorder);
        var job = ActivatorUtilities.CreateInstance<BackfillJob>(jobs.Services, recorder);
        var run = await backfills.StartAsync("demo", Picking, from, to, CancellationToken.None);
        Assert.Equal(1, recorder.Count);

        // Two executions of the first page (Hangfire runs a job at least once) read the same state...
        var seen = (await job.LoadAsync(run.Id, CancellationToken.None))!;
        var first = await job.ReadPageAsync(seen, CancellationToken.None);
        var second = await job.ReadPageAsync(seen, CancellationToken.None);
        Assert.Equal(inside.Take(PageSize), first.OdooIds);
        Assert.Equal(first.OdooIds, second.OdooIds);
        Assert.Equal(new NotificationOutcome(PageSize, 0), first.Outcome);

        // ...and only the first to record it counts it.
        Assert.True(await job.RecordPageAsync(seen, first, CancellationToken.None));
        Assert.False(await job.RecordPageAsync(seen, second, CancellationToken.None));
        var afterOne = (await backfills.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(("running", 1, PageSize, PageSize), (afterOne.State, afterOne.Batches, afterOne.Found, afterOne.Queued));
        Assert.Equal(PageSize, afterOne.Progress.Pending + afterOne.Progress.Done);

        // Every job of the chain runs twice in a row: each run takes the page after the last one recorded.
        while (recorder.TryTake(out _))
        {
            await job.RunAsync(run.Id, CancellationToken.None);
            await job.RunAsync(run.Id, CancellationToken.None);
        }

        var end = (await backfills.GetAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(("done", 3, 8, 8), (end.State, end.Batches, end.Found, end.Queued));
        Assert.Equal(8, end.Progress.Pending + end.Progress.Done);
        var listed = Assert.Single(await backfills.ListAsync(5, CancellationToken.None));
        Assert.Equal((run.Id, 8, 8), (listed.Id, listed.Found, listed.Progress.Pending + listed.Progress.Done));
        foreach (var odooId in outside)
        {
            Assert.Null(await jobs.Stack.LedgerEntryAsync(Picking, odooId));
        }

        var entries = await Task.WhenAll(inside.Select(i => jobs.Stack.LedgerEntryAsync(Picking, i)));
        Assert.All(entries, Assert.NotNull);
    }

    [Fact]
    public void The_first_page_starts_at_the_first_whole_second_of_from()
    {
        // Odoo reads write_date to the second; the cursor compares (second, id) and id int.MaxValue excludes the second before.
        var exact = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new(int.MaxValue, new DateTime(2026, 12, 3, 9, 59, 59, DateTimeKind.Utc)), BackfillJob.Before(exact));
        Assert.Equal(new(int.MaxValue, new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc)), BackfillJob.Before(exact.AddMilliseconds(300)));
    }

    /// <summary>
    /// [from, to) over the 14 done pickings (a second apart): the 4th to the 11th oldest are inside; the one a
    /// second before 'from' and the one written exactly at 'to' are not.
    /// </summary>
    private static async Task<(DateTimeOffset From, DateTimeOffset To, List<int> Inside, List<int> Outside)> RangeAsync(JobsStack jobs)
    {
        var done = await jobs.DonePickingsAsync();
        Assert.Equal(14, done.Count);
        Assert.Equal(14, done.Select(d => d.WriteDate).Distinct().Count());
        var inside = done.Skip(3).Take(8).Select(d => d.Id).ToList(); // oldest first, as the pages go
        return (done[3].WriteDate, done[11].WriteDate, inside, [.. done.Select(d => d.Id).Except(inside)]);
    }

    private static int Int(System.Text.Json.Nodes.JsonNode node, string name) => node[name]!.GetValue<int>();
}
