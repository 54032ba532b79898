using System.Net;
using System.Net.Http.Json;
using CertyoOdoo.Web.Tests.Hosting;

namespace CertyoOdoo.Web.Tests.Endpoints;

[Collection(OpsGroup.Name)]
public sealed class ApiAuthTests(OpsApp app)
{
    [Theory]
    [InlineData("/api/records")]
    [InlineData("/api/tenants")]
    [InlineData("/api/backfills/1")]
    public async Task Without_a_key_the_api_answers_401_problem(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(401, problem["status"]!.GetValue<int>());
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_without_echoing_it()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        using var response = await client.PostAsync(new Uri("/api/records/retry", UriKind.Relative), JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not-the-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_key_is_accepted()
    {
        using var client = app.CreateApiClient();
        var tenants = await client.GetJsonAsync("/api/tenants");

        var names = tenants.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["acme", "down", "sim"], names);
        Assert.DoesNotContain("secret", tenants.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_endpoints_need_no_key()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
