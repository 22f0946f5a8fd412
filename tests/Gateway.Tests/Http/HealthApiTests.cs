using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Http;

public sealed class HealthApiTests : IClassFixture<GatewayAppFactory>
{
    private readonly GatewayAppFactory _factory;

    public HealthApiTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_answers_healthy_json()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
    }
}
