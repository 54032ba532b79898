using System.Text.Json;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Odoo.Tests.Errors;

/// <summary>The recorded error bodies of every series map to the same exception types.</summary>
public sealed class OdooErrorMapperTests
{
    public static TheoryData<string, string, Type> XmlRpcFaults()
    {
        var data = new TheoryData<string, string, Type>();
        foreach (var series in Fixtures.Series)
        {
            data.Add(series, "fault-wrong-password.response.xml", typeof(OdooAccessDeniedException));
            data.Add(series, "fault-unknown-model.response.xml", typeof(OdooUnknownModelException));
            data.Add(series, "fault-unknown-field-in-domain.response.xml", typeof(OdooUnknownFieldException));
            data.Add(series, "fault-write-unknown-field.response.xml", typeof(OdooUnknownFieldException));
            data.Add(series, "fault-bad-method.response.xml", typeof(OdooUnknownMethodException));
            data.Add(series, "fields_get-quality.check.response.xml", typeof(OdooUnknownModelException));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(XmlRpcFaults))]
    public async Task Recorded_xmlrpc_faults_map_to_typed_errors(string series, string suffix, Type expected)
    {
        var file = FixtureFiles.Find(series, suffix)!;
        using var stream = new MemoryStream(Fixtures.Bytes(series, file));
        using var response = await XmlRpcReader.ReadMethodResponseAsync(stream);

        var ex = OdooErrorMapper.FromFault(response.Fault!, "stock.picking", "search");
        Assert.IsType(expected, ex);
        Assert.False(ex.IsTransient);
        Assert.Equal(response.Fault!.Code, ex.FaultCode);
        Assert.Equal("stock.picking", ex.Model);
        Assert.DoesNotContain("Traceback", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, Type> JsonRpcErrors()
    {
        var data = new TheoryData<string, string, Type>();
        foreach (var series in Fixtures.Series)
        {
            data.Add(series, "jsonrpc-fault-wrong-password.response.json", typeof(OdooAccessDeniedException));
            data.Add(series, "jsonrpc-fault-unknown-field.response.json", typeof(OdooUnknownFieldException));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonRpcErrors))]
    public void Recorded_jsonrpc_errors_map_to_typed_errors(string series, string suffix, Type expected)
    {
        using var doc = JsonDocument.Parse(Fixtures.Text(series, FixtureFiles.Find(series, suffix)!));
        var ex = OdooErrorMapper.FromJsonRpcError(doc.RootElement.GetProperty("error"));
        Assert.IsType(expected, ex);
        Assert.False(ex.IsTransient);
        Assert.StartsWith(ex is OdooAccessDeniedException ? "odoo.exceptions." : "builtins.", ex.RemoteType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("36-json2-fault-bad-key.response.json", 401, typeof(OdooAccessDeniedException))]
    [InlineData("37-json2-fault-unknown-field.response.json", 500, typeof(OdooUnknownFieldException))]
    [InlineData("38-json2-fault-bad-kwarg.response.json", 500, typeof(OdooWrongValueException))]
    [InlineData("42-json2-fault-unknown-model.response.json", 404, typeof(OdooUnknownModelException))]
    [InlineData("43-json2-fault-missing-id.response.json", 404, typeof(OdooMissingRecordException))]
    public void Recorded_json2_errors_map_to_typed_errors(string file, int status, Type expected)
    {
        var ex = OdooErrorMapper.FromJson2(status, Fixtures.Text("19.0", file), "stock.picking", "search");
        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.HttpStatus);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData(1, "Traceback (most recent call last):\n  ...\nValueError: Wrong value for stock.picking.x_certyo_anchor_status: 'Ingested'\n", typeof(OdooWrongValueException))]
    [InlineData(1, "Traceback (most recent call last):\n  ...\nValueError: time data '2026-12-03T10:00:00Z' does not match format '%Y-%m-%d %H:%M:%S'\n", typeof(OdooWrongValueException))]
    [InlineData(2, "Record does not exist or has been deleted.\n(Record: stock.picking(999999,), User: 2)", typeof(OdooMissingRecordException))]
    [InlineData(2, "You cannot delete a done picking.", typeof(OdooUserErrorException))]
    [InlineData(4, "You are not allowed to modify 'Transfer' (stock.picking) records.", typeof(OdooAccessErrorException))]
    public void Fault_codes_and_tracebacks_map_by_class(int code, string message, Type expected)
    {
        Assert.IsType(expected, OdooErrorMapper.FromFault(new XmlRpcFault(code, message)));
    }

    [Fact]
    public void Serialization_failures_are_transient_on_every_protocol()
    {
        const string pg = "could not serialize access due to concurrent update";
        Assert.True(OdooErrorMapper.FromFault(new XmlRpcFault(1, $"Traceback (most recent call last):\n  ...\npsycopg2.errors.SerializationFailure: {pg}\n")).IsTransient);

        using var rpc = JsonDocument.Parse($$$"""{"code": 200, "message": "Odoo Server Error", "data": {"name": "psycopg2.errors.SerializationFailure", "message": "{{{pg}}}"}}""");
        Assert.IsType<OdooConcurrencyException>(OdooErrorMapper.FromJsonRpcError(rpc.RootElement));

        var json2 = OdooErrorMapper.FromJson2(500, $$"""{"name": "psycopg2.errors.SerializationFailure", "message": "{{pg}}"}""");
        Assert.True(json2.IsTransient);
    }

    [Theory]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(429, true)]
    [InlineData(500, false)]
    [InlineData(404, false)]
    public void Statuses_without_an_odoo_body_are_transport_failures(int status, bool transient)
    {
        var ex = OdooErrorMapper.FromJson2(status, "<html><body>Bad gateway</body></html>");
        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal(status, ex.HttpStatus);
        if (status is not 404)
        {
            Assert.IsType<OdooTransportException>(ex);
        }
    }

    [Fact]
    public void Json2_business_statuses_map_to_their_classes()
    {
        Assert.IsType<OdooUserErrorException>(OdooErrorMapper.FromJson2(422, """{"name": "odoo.exceptions.UserError", "message": "You cannot delete a done picking."}"""));
        Assert.IsType<OdooAccessErrorException>(OdooErrorMapper.FromJson2(403, """{"name": "odoo.exceptions.AccessError", "message": "private method"}"""));
        Assert.IsType<OdooWrongValueException>(OdooErrorMapper.FromJson2(422, """{"name": "werkzeug.exceptions.UnprocessableEntity", "message": "ids given"}"""));
        Assert.IsType<OdooAccessDeniedException>(OdooErrorMapper.FromJson2(401, "User not authenticated"));
    }
}
