using System.Net;
using CertyoOdoo.Web.Tests.Hosting;

namespace CertyoOdoo.Web.Tests.Endpoints;

[Collection(OpsGroup.Name)]
public sealed class ApiAuditTests(OpsApp app)
{
    private const string Picking = "stock.picking";

    [Fact]
    public async Task Audit_says_whether_odoo_still_matches_what_was_sent()
    {
        var written = new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);
        app.Fakes.Odoo.PutPicking(5001, "WH/OUT/5001", written);
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 5001) + "/resync");
        await client.WaitForStatusAsync(Picking, 5001, "ingested");

        var same = await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 5001) + "/audit");
        Assert.True(same["matches"]!.GetValue<bool>());
        Assert.Equal(same["anchoredPayloadHash"]!.GetValue<string>(), same["currentPayloadHash"]!.GetValue<string>());
        Assert.Equal("pending", same["certyo"]!["status"]!.GetValue<string>());

        // Someone edits the picking in Odoo after it was sent.
        app.Fakes.Odoo.PutPicking(5001, "WH/OUT/5001", written.AddMinutes(5), partner: "Deco Addict");
        var changed = await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 5001) + "/audit");
        Assert.False(changed["matches"]!.GetValue<bool>());
        Assert.NotEqual(changed["anchoredPayloadHash"]!.GetValue<string>(), changed["currentPayloadHash"]!.GetValue<string>());
        Assert.Equal("ingested", changed["record"]!["status"]!.GetValue<string>()); // an audit changes nothing
    }

    [Fact]
    public async Task Odoo_fields_are_created_in_the_simulator_once()
    {
        using var client = app.CreateApiClient();
        var (first, body) = await client.PostJsonAsync($"/api/tenants/{OpsApp.SimTenant}/odoo-fields");
        Assert.True(first.StatusCode == HttpStatusCode.OK, body?.ToJsonString());
        var picking = Assert.Single(body!.AsArray())!;
        Assert.Equal(Picking, picking["model"]!.GetValue<string>());
        Assert.True(picking["modelInstalled"]!.GetValue<bool>());
        Assert.True(picking["error"] is null, picking.ToJsonString());
        Assert.Equal(["x_certyo_anchor_status", "x_certyo_anchored_at", "x_certyo_record_hash"], picking["createdFields"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));

        var (_, again) = await client.PostJsonAsync($"/api/tenants/{OpsApp.SimTenant}/odoo-fields");
        Assert.Empty(Assert.Single(again!.AsArray())!["createdFields"]!.AsArray());
    }

    [Fact]
    public async Task Odoo_fields_are_created_once()
    {
        using var client = app.CreateApiClient();
        var (first, body) = await client.PostJsonAsync("/api/tenants/acme/odoo-fields");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var picking = body!.AsArray().Single(r => r!["model"]!.GetValue<string>() == Picking)!;
        Assert.True(picking["modelInstalled"]!.GetValue<bool>());
        Assert.Equal(3, picking["createdFields"]!.AsArray().Count);

        var (_, again) = await client.PostJsonAsync("/api/tenants/acme/odoo-fields");
        Assert.All(again!.AsArray(), r => Assert.Empty(r!["createdFields"]!.AsArray()));
    }
}
