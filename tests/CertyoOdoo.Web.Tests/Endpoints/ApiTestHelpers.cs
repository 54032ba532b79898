using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Web.Tests.Endpoints;

/// <summary>Small helpers shared by the API tests: JSON reads, and waiting on a condition with a deadline.</summary>
internal static class ApiTestHelpers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostJsonAsync(this HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body ?? new { }, Json);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static string RecordPath(string model, int id, string tenant = "acme") => $"/api/tenants/{tenant}/records/{model}/{id}";

    /// <summary>Polls <paramref name="probe"/> until it returns a value, failing after <see cref="Deadline"/>.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (clock.Elapsed > Deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the record's status is one of <paramref name="statuses"/>, and returns its details.</summary>
    public static Task<JsonNode> WaitForStatusAsync(this HttpClient client, string model, int id, params string[] statuses) =>
        WaitForAsync<JsonNode>(async () =>
        {
            using var response = await client.GetAsync(new Uri(RecordPath(model, id), UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var details = await response.ReadJsonAsync();
            return statuses.Contains(details["record"]!["status"]!.GetValue<string>()) ? details : null;
        }, $"{model} {id} to be {string.Join(" or ", statuses)}");
}
