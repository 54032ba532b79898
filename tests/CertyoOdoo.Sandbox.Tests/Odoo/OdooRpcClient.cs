using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.XmlRpc;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>A bare-bones caller of the simulator for tests: JSON-RPC execute_kw, XML-RPC and the sandbox helpers.</summary>
internal sealed class OdooRpcClient(SandboxServer server, string database = "demo", string password = "admin") : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    public HttpClient Http => _http;

    /// <summary>execute_kw over JSON-RPC; an Odoo error becomes <see cref="OdooRpcException"/>.</summary>
    public async Task<JsonNode?> CallAsync(string model, string method, JsonArray args, JsonObject? kwargs = null)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = 1,
            ["params"] = new JsonObject
            {
                ["service"] = "object",
                ["method"] = "execute_kw",
                ["args"] = new JsonArray(database, 2, password, model, method, args, kwargs ?? []),
            },
        };
        using var response = await _http.PostAsJsonAsync("jsonrpc", body);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        if (answer["error"] is JsonObject error)
        {
            throw new OdooRpcException(error["data"]!["name"]!.GetValue<string>(), error["data"]!["message"]!.GetValue<string>(), error);
        }

        return answer["result"];
    }

    /// <summary>execute_kw over XML-RPC; returns the raw response text.</summary>
    public async Task<XmlRpcResponse> XmlCallAsync(string model, string method, JsonArray args, JsonObject? kwargs = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        XmlRpcWriter.WriteMethodCall(buffer, "execute_kw", [database, 2, password, model, method, args, kwargs ?? []]);
        using var content = new ByteArrayContent(buffer.WrittenMemory.ToArray());
        using var response = await _http.PostAsync("xmlrpc/2/object", content);
        return await XmlRpcReader.ReadMethodResponseAsync(await response.Content.ReadAsStreamAsync());
    }

    public async Task<JsonObject> RecordAsync(string model, int id) =>
        JsonNode.Parse(await _http.GetStringAsync($"sandbox/odoo/records/{model}/{id}"))!.AsObject();

    public async Task<List<int>> SearchAsync(string model, JsonArray domain, JsonObject? kwargs = null) =>
        [.. (await CallAsync(model, "search", [domain], kwargs))!.AsArray().Select(n => n!.GetValue<int>())];

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public void Dispose() => _http.Dispose();
}

/// <summary>A JSON-RPC error object, by its Python type and message.</summary>
internal sealed class OdooRpcException(string type, string message, JsonObject error) : Exception(message)
{
    public string Type { get; } = type;

    public JsonObject Error { get; } = error;
}
