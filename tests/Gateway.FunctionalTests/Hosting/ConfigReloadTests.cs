using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>
/// Hot reload through the real program: saving the <c>--config</c> file applies route, converter and sink changes
/// without a restart; an invalid file is reported problem by problem and the running configuration stays; a
/// listener change says that a restart is needed.
/// </summary>
public sealed class ConfigReloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task Saving_the_config_file_applies_changes_and_an_invalid_one_keeps_the_running_configuration()
    {
        await using var first = await HttpCaptureServer.StartAsync();
        await using var second = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync(Config(first.Url("/first"), "before", "/in"), output);

        Assert.Equal("""{"before":1}""", await SendAsync(gateway, first, 1, """{"a":1}"""));

        var lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(second.Url("/second"), "after", "/in"));
        await gateway.WaitForLogAsync("Configuration reloaded: routes added none, changed r, removed none; sinks added none, changed out, removed none", from: lines);
        Assert.Equal("""{"after":2}""", await SendAsync(gateway, second, 1, """{"a":2}"""));

        lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(second.Url("/second"), "after", "/in").Replace("\"Sinks\": [ \"out\" ]", "\"Sinks\": [ \"nope\" ]", StringComparison.Ordinal));
        await gateway.WaitForLogAsync("Configuration reload rejected with 1 problem", from: lines);
        await gateway.WaitForLogAsync(@"Gateway:Routes:r:Sinks:0: unknown sink 'nope'\. Known sinks: out\.", from: lines);

        lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, """{ "Gateway": { "Routes": { """);
        await gateway.WaitForLogAsync(@"gateway\.json: the configuration file cannot be read\.", from: lines);
        Assert.Equal("""{"after":3}""", await SendAsync(gateway, second, 2, """{"a":3}"""));

        lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(second.Url("/second"), "after", "/moved"));
        await gateway.WaitForLogAsync(@"Restart needed: Gateway:Inputs:in: input 'in' changed", from: lines);
        Assert.Equal("""{"after":4}""", await SendAsync(gateway, second, 3, """{"a":4}"""));

        var metrics = await gateway.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Matches(@"gateway_config_reloads_total\{[^}]*outcome=""applied""[^}]*\} 2", metrics);
        Assert.Matches(@"gateway_config_reloads_total\{[^}]*outcome=""rejected""[^}]*\} 2", metrics);
    }

    private string Config(string sinkUrl, string rename, string path) => $$"""
        { "Gateway": {
            "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
            "Inputs": { "in": { "Type": "Http", "Path": "{{path}}" } },
            "Sinks": { "out": { "Type": "Http", "Url": "{{sinkUrl}}" } },
            "Routes": { "r": { "Input": "in", "Converters": [ { "Type": "Rename", "Map": { "a": "{{rename}}" } } ], "Sinks": [ "out" ] } } } }
        """;

    /// <summary>Posts <paramref name="body"/> to /in, waits until every sink took it and returns what <paramref name="sink"/> received as its <paramref name="count"/>th request.</summary>
    private static async Task<string> SendAsync(GatewayProcess gateway, HttpCaptureServer sink, int count, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var answer = await gateway.Http.PostAsync(new Uri("/in?wait=true", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var received = await sink.WaitForAcceptedAsync(count);
        return JsonSerializer.Serialize(JsonDocument.Parse(received[count - 1].Body).RootElement);
    }
}
