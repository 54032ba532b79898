using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Odoo.Tests.XmlRpc;

public sealed class XmlRpcCodecTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(0.0, "0.0")]
    public void Doubles_are_formatted_like_python_repr(double value, string expected)
    {
        Assert.Equal(expected, XmlRpcWriter.FormatDouble(value));
    }

    [Fact]
    public async Task Every_type_reads_into_json()
    {
        const string xml = """
            <?xml version="1.0"?>
            <methodResponse><params><param><value><struct>
            <member><name>i4</name><value><i4>-7</i4></value></member>
            <member><name>i8</name><value><i8>4294967296</i8></value></member>
            <member><name>untyped</name><value>plain &amp; simple</value></member>
            <member><name>empty</name><value/></member>
            <member><name>spaces</name><value><string>  </string></value></member>
            <member><name>cdata</name><value><string><![CDATA[a<b]]></string></value></member>
            <member><name>nil</name><value><nil/></value></member>
            <member><name>t</name><value><boolean>1</boolean></value></member>
            <member><name>d</name><value><double>2</double></value></member>
            <member><name>dt</name><value><dateTime.iso8601>20261203T10:00:00</dateTime.iso8601></value></member>
            <member><name>b64</name><value><base64>
            aGVsbG8g
            d29ybGQ=
            </base64></value></member>
            <member><name>arr</name><value><array><data/></array></value></member>
            <member><name>arr2</name><value><array><data>
              <value><int>1</int></value>
              <value><string>x</string></value>
            </data></array></value></member>
            </struct></value></param></params></methodResponse>
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);
        var r = response.Result!.RootElement;

        Assert.Equal(-7, r.GetProperty("i4").GetInt32());
        Assert.Equal(4294967296L, r.GetProperty("i8").GetInt64());
        Assert.Equal("plain & simple", r.GetProperty("untyped").GetString());
        Assert.Equal("", r.GetProperty("empty").GetString());
        Assert.Equal("  ", r.GetProperty("spaces").GetString());
        Assert.Equal("a<b", r.GetProperty("cdata").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("nil").ValueKind);
        Assert.True(r.GetProperty("t").GetBoolean());
        Assert.Equal("2.0", r.GetProperty("d").GetRawText());
        Assert.Equal("20261203T10:00:00", r.GetProperty("dt").GetString());
        Assert.Equal("aGVsbG8gd29ybGQ=", r.GetProperty("b64").GetString());
        Assert.Equal(0, r.GetProperty("arr").GetArrayLength());
        Assert.Equal("[1,\"x\"]", r.GetProperty("arr2").GetRawText());
    }

    [Fact]
    public void Json_nodes_write_doubles_ints_nil_and_escapes()
    {
        var output = new ArrayBufferWriter<byte>();
        XmlRpcWriter.WriteMethodCall(output, "execute_kw", [
            JsonValue.Create(5.0),
            JsonValue.Create(5),
            null,
            JsonValue.Create("a<&>'\"é"),
            new JsonObject { ["k"] = new JsonArray(JsonValue.Create(true), JsonValue.Create(false)) },
            JsonNode.Parse("[2.50, 3]"),
        ]);

        Assert.Equal(
            "<?xml version='1.0'?>\n<methodCall>\n<methodName>execute_kw</methodName>\n<params>\n"
            + "<param>\n<value><double>5.0</double></value>\n</param>\n"
            + "<param>\n<value><int>5</int></value>\n</param>\n"
            + "<param>\n<value><nil/></value></param>\n"
            + "<param>\n<value><string>a&lt;&amp;&gt;'\"é</string></value>\n</param>\n"
            + "<param>\n<value><struct>\n<member>\n<name>k</name>\n<value><array><data>\n<value><boolean>1</boolean></value>\n<value><boolean>0</boolean></value>\n</data></array></value>\n</member>\n</struct></value>\n</param>\n"
            + "<param>\n<value><array><data>\n<value><double>2.5</double></value>\n<value><int>3</int></value>\n</data></array></value>\n</param>\n"
            + "</params>\n</methodCall>\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public async Task Method_call_reads_back_what_was_written()
    {
        using var args = JsonDocument.Parse("""["demo", 2, "key", "stock.picking", "read", [[1, 2]], {"fields": ["name"], "context": {"lang": null}}]""");
        var output = new ArrayBufferWriter<byte>();
        XmlRpcWriter.WriteMethodCall(output, "execute_kw", args.RootElement);

        using var stream = new MemoryStream(output.WrittenMemory.ToArray());
        using var call = await XmlRpcReader.ReadMethodCallAsync(stream);
        Assert.Equal("execute_kw", call.MethodName);
        Assert.Equal(args.RootElement.GetRawText().Replace(" ", "", StringComparison.Ordinal), call.Parameters.RootElement.GetRawText());
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>")]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value><foo/></value></param></params></methodResponse>")]
    [InlineData("<?xml version='1.0'?><methodResponse><params><param><value><struct><member>")]
    public async Task Malformed_responses_throw_a_format_exception(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        await Assert.ThrowsAsync<XmlRpcFormatException>(() => XmlRpcReader.ReadMethodResponseAsync(stream));
    }

    [Fact]
    public async Task A_large_response_streams_through()
    {
        // Over 10 MB of struct rows: read cost must stay proportional to the JSON written.
        var rows = new JsonArray();
        for (var i = 0; i < 21_000; i++)
        {
            rows.Add(new JsonObject { ["id"] = i, ["name"] = $"WH/OUT/{i:D6}", ["qty"] = 1.5, ["partner_id"] = new JsonArray(7, "Wood Corner"), ["note"] = false });
        }

        var output = new ArrayBufferWriter<byte>();
        XmlRpcWriter.WriteMethodResponse(output, rows);
        Assert.True(output.WrittenCount > 10_000_000);

        using var stream = new MemoryStream(output.WrittenMemory.ToArray());
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);
        var result = response.Result!.RootElement;
        Assert.Equal(21_000, result.GetArrayLength());
        Assert.Equal("WH/OUT/020999", result[20_999].GetProperty("name").GetString());
        Assert.Equal("1.5", result[1].GetProperty("qty").GetRawText());
        Assert.False(result[0].GetProperty("note").GetBoolean());
    }
}
