using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Hosting;
using Gateway.Tests.Support;

namespace Gateway.Tests.Http;

/// <summary>
/// <c>openapi.yaml</c> at the repository root is the document the gateway serves for its embedded defaults. Refresh it
/// with <c>GATEWAY_UPDATE_OPENAPI=1 dotnet test tests/Gateway.Tests --filter OpenApiDocumentFileTests</c>.
/// </summary>
public sealed partial class OpenApiDocumentFileTests
{
    private const string RefreshCommand = "GATEWAY_UPDATE_OPENAPI=1 dotnet test tests/Gateway.Tests --filter OpenApiDocumentFileTests";

    [Fact]
    public async Task Openapi_yaml_is_the_document_served_for_the_default_configuration()
    {
        await RepositoryFiles.AssertMatchesAsync("openapi.yaml", await GetAsync("/openapi/v1.yaml"), "GATEWAY_UPDATE_OPENAPI", RefreshCommand);
    }

    [Fact]
    public async Task Default_document_describes_the_ingest_input_health_metrics_and_problems()
    {
        using var document = JsonDocument.Parse(await GetAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var ingest = paths.GetProperty("/ingest").GetProperty("post");
        var accepted = ingest.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("text/csv", accepted);
        Assert.Contains("application/xml", accepted);
        Assert.Contains("application/x-ndjson", accepted);
        Assert.True(ingest.GetProperty("responses").GetProperty("202").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(ingest.GetProperty("responses").GetProperty("415").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(paths.GetProperty("/readyz").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/metrics").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/plain", out _));
        Assert.False(document.RootElement.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0, "the document names a server");
    }

    [Fact]
    public async Task Scalar_reference_loads_its_script_from_the_gateway_not_a_cdn()
    {
        await using var factory = DefaultConfiguration();
        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var sources = SourceAttribute().Matches(html).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal), $"{src} is loaded from another host"));
        foreach (var src in sources)
        {
            using var script = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/scalar/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }
    }

    /// <summary>The embedded defaults, with the listeners on free ports (the document does not depend on them).</summary>
    private static GatewayAppFactory DefaultConfiguration() => new(new()
    {
        [GatewayConfiguration.ConfigFileSetting] = string.Empty,
        ["Gateway:Inputs:tcp:Port"] = "0",
        ["Gateway:MqttBroker:Port"] = "0",
        ["Gateway:DeadLetters:Folder"] = Path.Combine(Path.GetTempPath(), "gateway-tests", "openapi-dead-letters"),
        ["Gateway:Sinks:file:Folder"] = Path.Combine(Path.GetTempPath(), "gateway-tests", "openapi-out"),
    });

    private static async Task<string> GetAsync(string path)
    {
        await using var factory = DefaultConfiguration();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("""<script[^>]*\ssrc="([^"]+)"|<link[^>]*\shref="([^"]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();
}
