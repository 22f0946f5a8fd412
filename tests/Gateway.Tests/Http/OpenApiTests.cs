using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Http;

public sealed class OpenApiTests : IClassFixture<GatewayAppFactory>
{
    private readonly GatewayAppFactory _factory;

    public OpenApiTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Document_describes_convert_with_media_types_options_and_problems()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var post = document.RootElement.GetProperty("paths").GetProperty("/convert").GetProperty("post");

        var requestTypes = post.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("application/json", requestTypes);
        Assert.Contains("application/x-ndjson", requestTypes);

        var responses = post.GetProperty("responses");
        Assert.Contains("application/x-ndjson", responses.GetProperty("200").GetProperty("content").EnumerateObject().Select(p => p.Name));
        foreach (var status in new[] { "400", "406", "413", "415", "422" })
        {
            Assert.True(responses.TryGetProperty(status, out var problem), $"no {status} response");
            Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{status} is not problem details");
        }

        var parameters = post.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("delimiter", parameters);
        Assert.Contains("maxDepth", parameters);
        Assert.Contains("arrayPath", parameters);
        Assert.Contains("pipeline", parameters);
    }
}
