using System.Net;
using System.Text.Json.Nodes;
using CertyoOdoo.Web.Tests.Endpoints;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>
/// The audit (<c>GET .../audit</c>) against the Odoo simulator and the Certyo sandbox: a record anchored and
/// untouched matches; edited in Odoo afterwards, it is "changed" with the fields named; records the ledger
/// does not know, or never sent, get a clear answer.
/// </summary>
public sealed class RecordAuditorTests
{
    private const string Picking = JobsStack.Picking;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_anchored_record_matches_until_it_is_edited_in_Odoo_then_the_changed_fields_are_named(string provider)
    {
        await using var jobs = await JobsStack.StartAsync(provider, donePickings: 2, readyPickings: 0, pageSize: 50);
        if (jobs is null) { return; }
        var id = (await jobs.DonePickingsAsync())[0].Id;
        var (resync, _) = await jobs.Api.PostJsonAsync(JobsStack.RecordPath(id) + "/resync");
        Assert.Equal(HttpStatusCode.Accepted, resync.StatusCode);
        await jobs.Stack.WaitAnchoredAsync(1, TimeSpan.FromSeconds(40));

        var same = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(id) + "/audit");
        Assert.Equal(("matches", true), (Text(same, "verdict"), same["matches"]!.GetValue<bool>()));
        Assert.Empty(same["changedFields"]!.AsArray());
        Assert.Equal(Text(same, "anchoredPayloadHash"), Text(same, "currentPayloadHash"));
        Assert.Equal(("anchored", 1), (Text(same["record"]!, "status"), same["record"]!["version"]!.GetValue<int>()));
        Assert.True(same["certyo"]!["verified"]!.GetValue<bool>());

        // Someone edits the done picking in Odoo: another partner and another source document.
        var picking = (await jobs.Odoo.ExecuteKwAsync(Picking, "read", new JsonArray(new JsonArray(id), new JsonArray("partner_id", "origin")), CancellationToken.None))![0]!;
        var partner = picking["partner_id"]!.AsArray()[0]!.GetValue<int>();
        var partners = await jobs.Odoo.ExecuteKwAsync("res.partner", "search", new JsonArray(new JsonArray(new JsonArray("is_company", "=", true))), CancellationToken.None);
        var other = partners!.AsArray().Select(p => p!.GetValue<int>()).First(p => p != partner && p > 11);
        await jobs.Odoo.ExecuteKwAsync(Picking, "write", new JsonArray(new JsonArray(id), new JsonObject { ["partner_id"] = other, ["origin"] = "EDITED-AFTER-ANCHOR" }), CancellationToken.None);

        var changed = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(id) + "/audit");
        Assert.Equal(("changed", false), (Text(changed, "verdict"), changed["matches"]!.GetValue<bool>()));
        Assert.Equal(["partnerName", "sourceDocument"], changed["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(Text(same, "anchoredPayloadHash"), Text(changed, "anchoredPayloadHash"));
        Assert.NotEqual(Text(changed, "anchoredPayloadHash"), Text(changed, "currentPayloadHash"));
        Assert.Contains("(partnerName, sourceDocument)", Text(changed, "detail"), StringComparison.Ordinal);

        // An audit changes nothing: the row is still version 1, anchored.
        var record = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(id));
        Assert.Equal(("anchored", 1), (Text(record["record"]!, "status"), record["record"]!["version"]!.GetValue<int>()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Records_unknown_to_the_ledger_are_not_found_and_one_never_sent_says_so(string provider)
    {
        await using var jobs = await JobsStack.StartAsync(provider, donePickings: 1, readyPickings: 1, pageSize: 50);
        if (jobs is null) { return; }

        var missing = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(987654) + "/audit", HttpStatusCode.NotFound);
        Assert.Equal("Unknown record", Text(missing, "title"));
        var done = (await jobs.DonePickingsAsync())[0].Id; // in Odoo, but never seen by the service
        var unseen = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(done) + "/audit", HttpStatusCode.NotFound);
        Assert.Contains("no row", Text(unseen, "detail"), StringComparison.Ordinal);
        await jobs.Api.GetJsonAsync($"/api/tenants/demo/records/res.partner/{done}/audit", HttpStatusCode.NotFound);

        // A ready picking put in the ledger: the ingest waits for it to be done, so Certyo never had it.
        var ready = (await jobs.Stack.IdsAsync(Picking, "assigned")).Single();
        await jobs.Api.PostJsonAsync(JobsStack.RecordPath(ready) + "/resync");
        var notSent = await jobs.Api.GetJsonAsync(JobsStack.RecordPath(ready) + "/audit");
        Assert.Equal(("notSent", false, "assigned"), (Text(notSent, "verdict"), notSent["matches"]!.GetValue<bool>(), Text(notSent, "odooState")));
        Assert.Null(notSent["anchoredPayloadHash"]);
        Assert.Null(notSent["changedFields"]);
        Assert.Null(notSent["certyo"]);
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
