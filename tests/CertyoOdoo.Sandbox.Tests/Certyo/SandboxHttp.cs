using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Certyo;

/// <summary>Raw HTTP to the sandbox (no client library), so the wire format itself is under test.</summary>
internal sealed class SandboxHttp(SandboxServer sandbox, string? apiKey = "sandbox-key") : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = sandbox.BaseAddress };

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Sandbox:DatabasePath"] = ":memory:" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string Record(int i, string tenant = "t1", string? key = null, string extra = "") =>
        $$"""{"tenantId":"{{tenant}}","database":"odoo","collection":"mrp.production","recordId":"MO/{{i:D5}}","recordPayload":{"qty":{{i}}{{extra}}},"idempotencyKey":"{{key ?? $"MO/{i:D5}-v1"}}"}""";

    public Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return _http.SendAsync(request);
    }

    public async Task<JsonElement> VerifyAsync(int i, string tenant = "t1")
    {
        using var response = await PostAsync("api/v1/verify/record", $$"""{"tenantId":"{{tenant}}","database":"odoo","collection":"mrp.production","recordId":"MO/{{i:D5}}"}""");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> StatsAsync(string tenant = "t1") => await _http.GetFromJsonAsync<JsonElement>($"sandbox/certyo/stats?tenantId={tenant}");

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> probe, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(25); // polling interval of a condition wait with a deadline
        }
    }

    public void Dispose() => _http.Dispose();
}
