using System.Buffers;
using System.Text;
using System.Text.Json;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Odoo.Tests.XmlRpc;

/// <summary>Every recorded XML-RPC message parses, and writing it back gives the recorded bytes.</summary>
public sealed class XmlRpcFixtureTests
{
    public static TheoryData<string, string> Responses => Fixtures.Files(".response.xml");

    public static TheoryData<string, string> Requests => Fixtures.Files(".request.xml");

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Response_round_trips_byte_for_byte(string series, string file)
    {
        var recorded = Fixtures.Bytes(series, file);
        using var stream = new MemoryStream(recorded);
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);

        var output = new ArrayBufferWriter<byte>();
        if (response.Fault is { } fault)
        {
            XmlRpcWriter.WriteFault(output, fault);
        }
        else
        {
            var format = series is "16.0" or "17.0" ? XmlRpcResponseFormat.Classic : XmlRpcResponseFormat.Odoo18;
            XmlRpcWriter.WriteMethodResponse(output, response.Result!.RootElement, format);
        }

        Assert.Equal(Encoding.UTF8.GetString(recorded), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_round_trips_byte_for_byte(string series, string file)
    {
        var recorded = Fixtures.Bytes(series, file);
        using var call = XmlRpcReader.ReadMethodCall(recorded);

        var output = new ArrayBufferWriter<byte>();
        XmlRpcWriter.WriteMethodCall(output, call.MethodName, call.Parameters.RootElement);

        Assert.Equal(Encoding.UTF8.GetString(recorded), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("16.0", 16)]
    [InlineData("17.0", 17)]
    [InlineData("18.0", 18)]
    [InlineData("19.0", 19)]
    public async Task Version_response_reads_as_json(string series, int major)
    {
        using var stream = new MemoryStream(Fixtures.Bytes(series, "01-version.response.xml"));
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);

        var root = response.Result!.RootElement;
        Assert.Equal(major, root.GetProperty("server_version_info")[0].GetInt32());
        Assert.Equal("final", root.GetProperty("server_version_info")[3].GetString());
        Assert.Equal("", root.GetProperty("server_version_info")[5].GetString());
        Assert.Equal(series, root.GetProperty("server_serie").GetString());
    }

    [Fact]
    public async Task Faults_read_with_code_and_message()
    {
        using var unknownModel = new MemoryStream(Fixtures.Bytes("17.0", "11-fields_get-quality.check.response.xml"));
        using var r1 = await XmlRpcReader.ReadMethodResponseAsync(unknownModel);
        Assert.Null(r1.Result);
        Assert.Equal(new XmlRpcFault(2, "Object quality.check doesn't exist"), r1.Fault);

        using var denied = new MemoryStream(Fixtures.Bytes("16.0", "23-fault-wrong-password.response.xml"));
        using var r2 = await XmlRpcReader.ReadMethodResponseAsync(denied);
        Assert.Equal(new XmlRpcFault(3, "Access Denied"), r2.Fault);

        using var traceback = new MemoryStream(Fixtures.Bytes("18.0", "28-fault-bad-method.response.xml"));
        using var r3 = await XmlRpcReader.ReadMethodResponseAsync(traceback);
        Assert.Equal(1, r3.Fault!.Code);
        Assert.StartsWith("Traceback (most recent call last):\n", r3.Fault.Message, StringComparison.Ordinal);
        Assert.EndsWith("AttributeError: The method 'stock.picking.no_such_method' does not exist\n", r3.Fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_line_values_keep_their_types()
    {
        using var stream = new MemoryStream(Fixtures.Bytes("16.0", "18-read-move-lines.response.xml"));
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);

        var line = response.Result!.RootElement[0];
        Assert.Equal(JsonValueKind.Number, line.GetProperty("id").ValueKind);
        var qty = line.GetProperty("qty_done");
        Assert.Contains('.', qty.GetRawText());
        Assert.Equal(JsonValueKind.Array, line.GetProperty("product_id").ValueKind);
        Assert.Equal(JsonValueKind.String, line.GetProperty("product_id")[1].ValueKind);
    }
}
