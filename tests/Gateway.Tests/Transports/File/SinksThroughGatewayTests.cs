using System.Net;
using System.Text;
using Gateway.Core.Routing;
using Gateway.Hosting;
using Gateway.Tests.Cli;
using Gateway.Tests.Http;
using Gateway.Tests.Transports.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Transports.Files;

/// <summary>The sinks as the gateway builds them from configuration: an Http input fanning out to File and Http sinks.</summary>
public sealed class SinksThroughGatewayTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Messages_reach_file_and_http_sinks_configured_by_section()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.EndsWith("/bad", StringComparison.Ordinal) ? 400 : 204;
            return Task.CompletedTask;
        });
        using var factory = new GatewayAppFactory(new()
        {
            ["Gateway:DeadLetters:Folder"] = Path.Combine(_temp.Path, "dead"),
            ["Gateway:Inputs:in:Type"] = "Http",
            ["Gateway:Inputs:in:Path"] = "/ingest/in",
            ["Gateway:Sinks:rows:Type"] = "File",
            ["Gateway:Sinks:rows:Folder"] = _temp.Path,
            ["Gateway:Sinks:rows:Mode"] = "Append",
            ["Gateway:Sinks:rows:Format"] = "Csv",
            ["Gateway:Sinks:rows:NewLine"] = "\n",
            ["Gateway:Sinks:each:Type"] = "File",
            ["Gateway:Sinks:each:Folder"] = Path.Combine(_temp.Path, "each"),
            ["Gateway:Sinks:each:FileName"] = "order-{field:/id}",
            ["Gateway:Sinks:each:Format"] = "Xml",
            ["Gateway:Sinks:api:Type"] = "Http",
            ["Gateway:Sinks:api:Url"] = server.Address + "orders/{field:/id}",
            ["Gateway:Sinks:api:Method"] = "Put",
            ["Gateway:Sinks:api:Retry:MaxAttempts"] = "0",
            ["Gateway:Routes:r:Input"] = "in",
            ["Gateway:Routes:r:Sinks:0"] = "rows",
            ["Gateway:Routes:r:Sinks:1"] = "each",
            ["Gateway:Routes:r:Sinks:2"] = "api",
        });
        using var client = factory.CreateClient();
        client.Timeout = SinkTestHost.Bound;

        using var first = await client.PostAsync("/ingest/in?wait=true", Json("""{"id":"1","qty":5}"""));
        using var second = await client.PostAsync("/ingest/in?wait=true", Json("""{"id":"2","qty":7}"""));
        using var refused = await client.PostAsync("/ingest/in?wait=true", Json("""{"id":"bad","qty":0}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("answered 400 Bad Request", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("id,qty\n1,5\n2,7\nbad,0\n", await File.ReadAllTextAsync(Path.Combine(_temp.Path, "rows.csv")));
        var xml = await File.ReadAllTextAsync(Path.Combine(_temp.Path, "each", "order-2.xml"));
        Assert.Contains("<id>2</id><qty>7</qty>", xml, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_temp.Path, "each"), "order-*.xml").Length);
        Assert.Equal(["/orders/1", "/orders/2", "/orders/bad"], server.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public void Invalid_sink_options_are_listed_by_their_paths()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Inputs:in:Type"] = "Http",
            ["Gateway:Inputs:in:Path"] = "/ingest/in",
            ["Gateway:Sinks:api:Type"] = "Http",
            ["Gateway:Sinks:api:Url"] = "http://{meta:host}/orders",
            ["Gateway:Sinks:log:Type"] = "File",
            ["Gateway:Sinks:log:Folder"] = _temp.Path,
            ["Gateway:Sinks:log:Mode"] = "Append",
            ["Gateway:Sinks:screen:Type"] = "Console",
            ["Gateway:Sinks:screen:Target"] = "Printer",
            ["Gateway:Routes:r:Input"] = "in",
            ["Gateway:Routes:r:Sinks:0"] = "api",
            ["Gateway:Routes:r:Sinks:1"] = "log",
            ["Gateway:Routes:r:Sinks:2"] = "screen",
        }).Build();
        var services = new ServiceCollection();
        services.AddGatewayHost(configuration);
        using var provider = services.BuildServiceProvider();
        var errors = new List<string>();

        Assert.Null(provider.GetRequiredService<RouteTableBuilder>().TryBuild(configuration.GetSection("Gateway"), errors));

        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:api:Url: ", StringComparison.Ordinal) && e.Contains("placeholders may fill only the path and query", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:log:Mode: Mode Append needs Format Ndjson or Csv", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Sinks:screen", StringComparison.Ordinal) && e.Contains("Printer", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
