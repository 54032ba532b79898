using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>
/// Replays every recorded request against the simulator set to that series, over loopback HTTP,
/// and compares the answer's structure with the recorded one: types and member names, fault codes
/// and fault strings (first and last line), JSON-RPC error objects, JSON-2 statuses and bodies.
/// fields_get and version answers must match exactly.
/// </summary>
public sealed class ConformanceTests(SimulatorServers servers) : IClassFixture<SimulatorServers>
{
    public static TheoryData<string, string> Pairs => OdooFixtures.Pairs();

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Replayed_request_is_answered_like_the_recording(string series, string pair)
    {
        var server = await servers.ForAsync(series);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (call, status) = OdooFixtures.Index(series)[pair];
        var request = OdooFixtures.FileOf(series, pair, "request")!;
        var response = OdooFixtures.FileOf(series, pair, "response")!;
        if (call.StartsWith("xmlrpc", StringComparison.Ordinal))
        {
            await XmlRpcAsync(http, call, request, response);
        }
        else if (call.StartsWith("jsonrpc", StringComparison.Ordinal))
        {
            await JsonRpcAsync(http, request, response);
        }
        else
        {
            await Json2Async(http, series, pair, call, status, request, response);
        }
    }

    private static async Task XmlRpcAsync(HttpClient http, string call, string request, string response)
    {
        var service = call.Split(' ')[1].Split('.')[0];
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        using var answer = await http.PostAsync($"xmlrpc/2/{service}", content);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var actual = await XmlRpcReader.ReadMethodResponseAsync(await answer.Content.ReadAsStreamAsync());
        await using var file = File.OpenRead(response);
        using var expected = await XmlRpcReader.ReadMethodResponseAsync(file);
        if (expected.Fault is { } fault)
        {
            Assert.True(actual.Fault is not null, $"expected fault {fault.Code}, got {actual.Result?.RootElement.GetRawText()}");
            Assert.Equal(fault.Code, actual.Fault.Code);
            AssertSameEnds(fault.Message, actual.Fault.Message);
            return;
        }

        Assert.True(actual.Fault is null, $"unexpected fault {actual.Fault?.Code}: {actual.Fault?.Message}");
        AssertShape(expected.Result!.RootElement, actual.Result!.RootElement, exact: IsExact(request));
    }

    private static async Task JsonRpcAsync(HttpClient http, string request, string response)
    {
        using var content = new StringContent(await File.ReadAllTextAsync(request), null, "application/json");
        using var answer = await http.PostAsync("jsonrpc", content);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var actual = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(response));
        AssertShape(expected.RootElement, actual.RootElement, exact: request.Contains("-version", StringComparison.Ordinal));
        if (expected.RootElement.TryGetProperty("error", out var error))
        {
            var got = actual.RootElement.GetProperty("error");
            Assert.Equal(error.GetProperty("code").GetInt32(), got.GetProperty("code").GetInt32());
            Assert.Equal(error.GetProperty("message").GetString(), got.GetProperty("message").GetString());
            AssertSameError(error.GetProperty("data"), got.GetProperty("data"));
        }
    }

    private static async Task Json2Async(HttpClient http, string series, string pair, string call, int status, string request, string response)
    {
        HttpResponseMessage answer;
        if (call.StartsWith("GET ", StringComparison.Ordinal))
        {
            answer = await http.GetAsync(call[4..].TrimStart('/'));
        }
        else
        {
            var target = call.Split(' ')[1];
            var dot = target.LastIndexOf('.');
            using var message = new HttpRequestMessage(HttpMethod.Post, $"json/2/{target[..dot]}/{target[(dot + 1)..]}")
            {
                Content = new StringContent(await File.ReadAllTextAsync(request), null, "application/json"),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("bearer", pair.Contains("bad-key", StringComparison.Ordinal) ? "not-a-key" : "admin");
            message.Headers.Add("X-Odoo-Database", OdooFixtures.Database(series));
            answer = await http.SendAsync(message);
        }

        using (answer)
        {
            Assert.Equal(status, (int)answer.StatusCode);
            using var actual = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(response));
            AssertShape(expected.RootElement, actual.RootElement, exact: pair.Contains("fields_get", StringComparison.Ordinal) || pair.Contains("version", StringComparison.Ordinal));
            if (status >= 400)
            {
                AssertSameError(expected.RootElement, actual.RootElement);
            }

            if (status == 401)
            {
                Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
            }
        }
    }

    private static bool IsExact(string request) =>
        Path.GetFileName(request) is var name && (name.Contains("fields_get", StringComparison.Ordinal) || name.Contains("-version", StringComparison.Ordinal));

    private static void AssertShape(JsonElement expected, JsonElement actual, bool exact)
    {
        var problems = JsonShape.Differences(expected, actual);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        if (exact)
        {
            Assert.True(JsonElement.DeepEquals(expected, actual), $"recorded {Clip(expected)}\nsimulated {Clip(actual)}");
        }
    }

    private static void AssertSameError(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.GetProperty("name").GetString(), actual.GetProperty("name").GetString());
        Assert.Equal(expected.GetProperty("message").GetString(), actual.GetProperty("message").GetString());
        Assert.Equal(expected.GetProperty("arguments").GetRawText(), actual.GetProperty("arguments").GetRawText());
        AssertSameEnds(expected.GetProperty("debug").GetString()!, actual.GetProperty("debug").GetString()!);
    }

    /// <summary>Tracebacks were recorded cut to their first and last line: those must match.</summary>
    private static void AssertSameEnds(string expected, string actual)
    {
        static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
        Assert.Equal(Lines(expected)[0], Lines(actual)[0]);
        Assert.Equal(Lines(expected)[^1], Lines(actual)[^1]);
    }

    private static string Clip(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 400 ? text[..400] + "..." : text;
    }
}
