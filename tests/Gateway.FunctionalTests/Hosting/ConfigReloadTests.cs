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
        await gateway.WaitForLogAsync(@"gateway\.json: line 1, column \d+: the configuration file is not valid JSON: ", from: lines);
        Assert.Equal("""{"after":3}""", await SendAsync(gateway, second, 2, """{"a":3}"""));

        lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(second.Url("/second"), "after", "/moved"));
        await gateway.WaitForLogAsync(@"Restart needed: Gateway:Inputs:in: input 'in' changed", from: lines);
        Assert.Equal("""{"after":4}""", await SendAsync(gateway, second, 3, """{"a":4}"""));

        var metrics = await gateway.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Matches(@"gateway_config_reloads_total\{[^}]*outcome=""applied""[^}]*\} 2", metrics);
        Assert.Matches(@"gateway_config_reloads_total\{[^}]*outcome=""rejected""[^}]*\} 2", metrics);
    }

    [Fact]
    public async Task An_http_input_removed_from_the_file_answers_503_naming_why_until_a_restart()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        var both = $$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" }, "gone": { "Type": "Http", "Path": "/gone" } },
                "Sinks": { "out": { "Type": "Http", "Url": "{{sink.Url("/out")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] }, "g": { "Input": "gone", "Sinks": [ "out" ] } } } }
            """;
        await using var gateway = await GatewayProcess.StartAsync(both, output);

        var lines = gateway.Output.Lines.Count;
        await File.WriteAllTextAsync(gateway.ConfigPath, both
            .Replace(", \"gone\": { \"Type\": \"Http\", \"Path\": \"/gone\" }", string.Empty, StringComparison.Ordinal)
            .Replace(", \"g\": { \"Input\": \"gone\", \"Sinks\": [ \"out\" ] }", string.Empty, StringComparison.Ordinal));
        await gateway.WaitForLogAsync("Restart needed: Gateway:Inputs:gone: input 'gone' was removed; it keeps listening until a restart and refuses messages", from: lines);

        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var refused = await gateway.Http.PostAsync(new Uri("/gone", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("No route reads input 'gone'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"a":1}""", await SendAsync(gateway, sink, 1, """{"a":1}"""));
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
