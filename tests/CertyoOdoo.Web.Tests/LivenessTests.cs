using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CertyoOdoo.Web.Tests;

public sealed class LivenessTests
{
    [Fact]
    public async Task Live_endpoint_answers_200()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
