using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Telemetry;

/// <summary>
/// With <c>Logging__Console__FormatterName=json</c> every log entry is one JSON line, and each failed message is one
/// line whose <c>State</c> names RouteId, InputId, SinkId (<c>-</c> for a conversion failure) and MessageId.
/// </summary>
public sealed class JsonLogTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task Each_failed_message_is_one_json_line_with_route_input_sink_and_message_id()
    {
        await using var destination = await HttpCaptureServer.StartAsync();
        destination.ResponseStatus = 400; // refused for good: no retries
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = $$"""
                { "Gateway": {
                    "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                    "Inputs": { "orders": { "Type": "Http", "Path": "/orders" } },
                    "Sinks": { "erp": { "Type": "Http", "Url": "{{destination.Url("/erp")}}" } },
                    "Routes": { "to-erp": { "Input": "orders", "Sinks": [ "erp" ] } } } }
                """,
            Environment = new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" },
            Log = output,
        });

        var refused = await IdOfAsync(gateway, "/orders?wait=true", """{"n":1}""", HttpStatusCode.BadGateway);
        var alsoRefused = await IdOfAsync(gateway, "/orders?wait=true", """{"n":2}""", HttpStatusCode.BadGateway);
        var malformed = await IdOfAsync(gateway, "/orders", """{"n":""", HttpStatusCode.BadRequest);
        await gateway.WaitForLogAsync($"\"MessageId\":\"{malformed}\"");

        var entries = gateway.Output.Lines.Where(l => l.StartsWith('{')).Select(Parse).ToList();
        Assert.NotEmpty(entries);
        Assert.All(gateway.Output.Lines.Where(l => l.Contains("\"EventId\"", StringComparison.Ordinal)), l => Assert.StartsWith("{", l, StringComparison.Ordinal));
        var failures = entries.Where(e => e.GetProperty("EventId").GetInt32() is 3001 or 3002).ToList();
        Assert.Equal(2, failures.Count); // one line per failed message
        AssertFailure(failures, refused, 3002, "erp");
        AssertFailure(failures, alsoRefused, 3002, "erp");

        // A body refused to its sender is not stored: one line says so, with its id.
        var refusal = Assert.Single(entries, e => e.GetProperty("EventId").GetInt32() == 2104);
        Assert.Equal(malformed, refusal.GetProperty("State").GetProperty("MessageId").GetString());
        Assert.Equal("orders", refusal.GetProperty("State").GetProperty("InputId").GetString());
        Assert.Equal(400, refusal.GetProperty("State").GetProperty("Status").GetInt32());
    }

    private static void AssertFailure(List<JsonElement> failures, string messageId, int eventId, string sinkId)
    {
        var entry = Assert.Single(failures, e => e.GetProperty("State").GetProperty("MessageId").GetString() == messageId);
        var state = entry.GetProperty("State");
        Assert.Equal(eventId, entry.GetProperty("EventId").GetInt32());
        Assert.Equal("Warning", entry.GetProperty("LogLevel").GetString());
        Assert.Equal("to-erp", state.GetProperty("RouteId").GetString());
        Assert.Equal("orders", state.GetProperty("InputId").GetString());
        Assert.Equal(sinkId, state.GetProperty("SinkId").GetString());
        Assert.Contains(messageId, entry.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static async Task<string> IdOfAsync(GatewayProcess gateway, string path, string json, HttpStatusCode expected)
    {
        using var answer = await gateway.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }
}
