using System.Text.Json;
using CertyoOdoo.Odoo.Values;

namespace CertyoOdoo.Odoo.Tests.Values;

public sealed class OdooValuesTests
{
    [Theory]
    [InlineData("\"2026-11-16 16:03:29\"", 0)]
    [InlineData("\"2026-11-16 16:03:29.384308\"", 3843080)]
    public void Datetimes_read_as_utc_with_optional_microseconds(string json, long extraTicks)
    {
        var value = OdooValues.GetDateTime(JsonDocument.Parse(json).RootElement);
        Assert.Equal(new DateTime(2026, 11, 16, 16, 3, 29, DateTimeKind.Utc).AddTicks(extraTicks), value);
        Assert.Equal(DateTimeKind.Utc, value!.Value.Kind);
    }

    [Fact]
    public void Datetimes_write_in_odoo_format_in_utc()
    {
        Assert.Equal("2026-12-03 10:00:00", OdooValues.FormatDateTime(new DateTime(2026, 12, 3, 10, 0, 0, 999, DateTimeKind.Utc)));
        Assert.Equal("2026-12-03 08:00:00", OdooValues.FormatDateTime(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void False_means_empty_for_every_type()
    {
        var f = JsonDocument.Parse("false").RootElement;
        Assert.True(OdooValues.IsEmpty(f));
        Assert.Null(OdooValues.GetString(f));
        Assert.Null(OdooValues.GetDateTime(f));
        Assert.Null(OdooValues.GetMany2One(f));
        Assert.Empty(OdooValues.GetIds(f));
        Assert.Equal(0m, OdooValues.GetDecimal(f));
    }

    [Fact]
    public void Many2one_and_x2many_read_as_sent()
    {
        Assert.Equal(new OdooReference(8, "Wood Corner"), OdooValues.GetMany2One(JsonDocument.Parse("[8, \"Wood Corner\"]").RootElement));
        Assert.Equal([18, 23], OdooValues.GetIds(JsonDocument.Parse("[18, 23]").RootElement));
        Assert.Equal(15.0m, OdooValues.GetDecimal(JsonDocument.Parse("15.0").RootElement));
    }

    [Theory]
    [InlineData("17.0", 17, 0)]
    [InlineData("17.0-20240709", 17, 0)]
    [InlineData("saas~17.2", 17, 2)]
    [InlineData("saas~18.4+e", 18, 4)]
    [InlineData("19.0", 19, 0)]
    public void Versions_parse_including_saas(string text, int major, int minor)
    {
        Assert.True(OdooServerVersion.TryParse(text, out var ma, out var mi));
        Assert.Equal((major, minor), (ma, mi));
    }
}
