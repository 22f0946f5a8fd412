using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Gateway.Tests.Http;

public sealed class HealthApiTests : IClassFixture<GatewayAppFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly GatewayAppFactory _factory;

    public HealthApiTests(GatewayAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Healthz_answers_healthy_json_with_version_and_uptime()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
        Assert.True(json.RootElement.GetProperty("uptimeSeconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Readyz_lists_every_component_and_turns_not_ready_when_a_sink_is_unreachable()
    {
        var closedPort = ClosedPort();
        var deadLetters = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
        await using var factory = new GatewayAppFactory(new()
        {
            ["Gateway:DeadLetters:Folder"] = deadLetters,
            ["Gateway:Inputs:web:Type"] = "Http",
            ["Gateway:Inputs:web:Path"] = "/in",
            ["Gateway:Inputs:lines:Type"] = "Tcp",
            ["Gateway:Inputs:lines:Port"] = "0",
            ["Gateway:Sinks:api:Type"] = "Http",
            ["Gateway:Sinks:api:Url"] = $"http://127.0.0.1:{closedPort}/x",
            ["Gateway:Sinks:api:Retry:MaxAttempts"] = "0",
            ["Gateway:Sinks:out:Type"] = "Console",
            ["Gateway:Routes:a:Input"] = "web",
            ["Gateway:Routes:a:Sinks:0"] = "api",
            ["Gateway:Routes:b:Input"] = "lines",
            ["Gateway:Routes:b:Sinks:0"] = "out",
        });
        try
        {
            using var client = factory.CreateClient();
            var (status, ready) = await ReadyAsync(client);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Ready", ready.GetProperty("status").GetString());
            Assert.Equal(
                ["input:lines:Tcp:Up", "input:web:Http:Up", "sink:api:Http:Up", "sink:out:Console:Up"],
                ready.GetProperty("components").EnumerateArray().Select(c => $"{c.GetProperty("kind")}:{c.GetProperty("id")}:{c.GetProperty("type")}:{c.GetProperty("state")}"));
            Assert.Contains("tcp://127.0.0.1:", Component(ready, "lines").GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("no delivery yet", Component(ready, "api").GetProperty("detail").GetString());

            using var posted = await client.PostAsync(new Uri("/in?wait=true", UriKind.Relative), new StringContent("""{"a":1}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadGateway, posted.StatusCode);

            (status, ready) = await ReadyAsync(client);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("NotReady", ready.GetProperty("status").GetString());
            var api = Component(ready, "api");
            Assert.Equal("Down", api.GetProperty("state").GetString());
            Assert.StartsWith("last attempt failed: ", api.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(deadLetters))
            {
                Directory.Delete(deadLetters, recursive: true);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(Timeout);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static JsonElement Component(JsonElement ready, string id)
        => ready.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
