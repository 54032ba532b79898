using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>
/// Answers that do not depend on data (versions, authentication, faults, errors) must match the
/// recording byte for byte: the XML envelope of each series, Python's JSON spacing, member order.
/// </summary>
public sealed partial class ExactBytesTests(SimulatorServers servers) : IClassFixture<SimulatorServers>
{
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (series, pair) in OdooFixtures.Pairs().Select(row => ((string)row[0], (string)row[1])))
        {
            if (Deterministic().IsMatch(pair))
            {
                data.Add(series, pair);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Deterministic_answers_match_the_recording_exactly(string series, string pair)
    {
        var server = await servers.ForAsync(series);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var (call, _) = OdooFixtures.Index(series)[pair];
        var request = OdooFixtures.FileOf(series, pair, "request")!;
        var expected = await File.ReadAllTextAsync(OdooFixtures.FileOf(series, pair, "response")!);
        HttpResponseMessage response;
        if (call.StartsWith("GET ", StringComparison.Ordinal))
        {
            response = await http.GetAsync(call[4..].TrimStart('/'));
        }
        else if (call.StartsWith("json2", StringComparison.Ordinal))
        {
            var target = call.Split(' ')[1];
            var dot = target.LastIndexOf('.');
            using var message = new HttpRequestMessage(HttpMethod.Post, $"json/2/{target[..dot]}/{target[(dot + 1)..]}")
            {
                Content = OdooRpcClient.Json(await File.ReadAllTextAsync(request)),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("bearer", pair.Contains("bad-key", StringComparison.Ordinal) ? "not-a-key" : "admin");
            response = await http.SendAsync(message);
        }
        else
        {
            var path = call.StartsWith("jsonrpc", StringComparison.Ordinal) ? "jsonrpc" : $"xmlrpc/2/{call.Split(' ')[1].Split('.')[0]}";
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(request));
            content.Headers.ContentType = new MediaTypeHeaderValue(path == "jsonrpc" ? "application/json" : "text/xml");
            response = await http.PostAsync(path, content);
        }

        using (response)
        {
            Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        }
    }

    [GeneratedRegex(@"^(0[123]-|11-|2[3-8]-fault|29-jsonrpc-version|30-jsonrpc-(version|authenticate)|31-jsonrpc-authenticate|3[23]-jsonrpc-fault|34-jsonrpc-fault|3[6-9]-json2|4[235]-)")]
    private static partial Regex Deterministic();
}
