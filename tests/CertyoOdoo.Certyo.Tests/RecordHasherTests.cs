using System.Text.Json;
using CertyoOdoo.Certyo.Contracts;

namespace CertyoOdoo.Certyo.Tests;

public sealed class RecordHasherTests
{
    // Computed independently: python3 json.dumps(sort_keys=True, separators=(",", ":")) | sha256 (JCS for this simple input).
    private const string ExpectedHash = "c02bb5ff9f3f14ac47c623ad2bf3c7d53100ae8f7e842ac400ab1869b6e3577e";

    private static CertyoRecord Record(string? version, string payload = """{"state":"done","name":"WH/OUT/00042","qty":12,"lines":[{"qty":2.5,"product":"Widget"}],"note":null}""") => new()
    {
        TenantId = "acme",
        Database = "odoo",
        Collection = "stock.picking",
        RecordId = "WH/OUT/00042",
        RecordVersion = version,
        RecordPayload = JsonDocument.Parse(payload).RootElement,
        OperationType = "upsert",
        IdempotencyKey = "WH/OUT/00042-v1",
    };

    [Fact]
    public void Hash_matches_an_independent_jcs_and_sha256()
    {
        Assert.Equal(ExpectedHash, RecordHasher.Hash(Record("1")));
    }

    [Fact]
    public void Missing_version_hashes_as_version_1()
    {
        Assert.Equal(ExpectedHash, RecordHasher.Hash(Record(null)));
        Assert.NotEqual(ExpectedHash, RecordHasher.Hash(Record("2")));
    }

    [Fact]
    public void Payload_member_order_and_whitespace_do_not_change_the_hash()
    {
        var reordered = Record("1", """ { "note" : null, "qty" : 12.0, "name":"WH/OUT/00042", "lines":[{"product":"Widget","qty":25e-1}], "state":"done" } """);

        Assert.Equal(ExpectedHash, RecordHasher.Hash(reordered));
    }

    [Fact]
    public void Fields_outside_the_hashed_set_do_not_change_the_hash()
    {
        var other = Record("1") with { OperationType = "delete", IdempotencyKey = "other", ClientId = "c", SourceTimestamp = "2026-01-01T00:00:00Z" };

        Assert.Equal(ExpectedHash, RecordHasher.Hash(other));
    }
}
