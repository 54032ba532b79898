using System.Text;
using CertyoOdoo.Web.Intake;

namespace CertyoOdoo.Web.Tests.Intake;

public sealed class NotificationParserTests
{
    private static (Notification? N, string? E) Parse(string json) => NotificationParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_the_native_17_webhook_body_as_recorded()
    {
        var line = File.ReadLines(Path.Combine(Fixtures.Root, "17.0", "webhook-native-on_state_set-done.jsonl")).First();
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        var (n, e) = Parse(doc.RootElement.GetProperty("body").GetString()!);
        Assert.Null(e);
        Assert.Equal("stock.picking", n!.Model);
        Assert.Equal([6], n.Ids);
        Assert.Equal("native", n.Sender);
    }

    [Fact]
    public void Reads_the_module_body()
    {
        var (n, e) = Parse("{\"db\":\"prod\",\"model\":\"mrp.production\",\"ids\":[3,4],\"event\":\"done\",\"sent_at\":\"2026-12-03T10:00:00Z\"}");
        Assert.Null(e);
        Assert.Equal(("mrp.production", "module", "prod"), (n!.Model, n.Sender, n.Database));
        Assert.Equal([3, 4], n.Ids);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"hello\":1}", "expected _id and _model")]
    [InlineData("{\"_id\":6}", "_model is missing")]
    [InlineData("{\"_model\":\"stock.picking\"}", "_id is missing")]
    [InlineData("{\"_model\":\"stock.picking\",\"_id\":\"6\"}", "_id is missing or not a positive integer")]
    [InlineData("{\"model\":\"stock.picking\",\"ids\":[1]}", "db is missing")]
    [InlineData("{\"db\":\"x\",\"model\":\"stock.picking\",\"ids\":[]}", "ids is missing or not a non-empty array")]
    [InlineData("{\"db\":\"x\",\"model\":\"stock.picking\",\"ids\":[1,-2]}", "positive integers")]
    [InlineData("{\"db\":\"x\",\"ids\":[1]}", "model is missing")]
    public void Says_what_is_wrong(string json, string expected)
    {
        var (n, e) = Parse(json);
        Assert.Null(n);
        Assert.Contains(expected, e);
    }
}
