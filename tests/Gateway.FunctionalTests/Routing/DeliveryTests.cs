using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Routing;

/// <summary>Fan-out, retries while a sink is down, and dead letters once it stays down, through the real program.</summary>
public sealed class DeliveryTests(ITestOutputHelper output) : IDisposable
{
    private const string FastRetry = """ "Retry": { "MaxAttempts": 2, "Delay": "00:00:00.050", "MaxDelay": "00:00:00.100" } """;

    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task One_message_fans_out_to_every_sink_of_its_route_each_in_its_own_format()
    {
        await using var json = await HttpCaptureServer.StartAsync();
        await using var xml = await HttpCaptureServer.StartAsync();
        await using var csv = TcpCaptureServer.Start();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": {
                  "json": { "Type": "Http", "Url": "{{json.Url("/json")}}" },
                  "xml": { "Type": "Http", "Url": "{{xml.Url("/xml/{field:/sku}")}}", "Format": "Xml", "RootElement": "order" },
                  "csv": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{csv.Port}}, "Format": "Csv", "HasHeader": false } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "json", "xml", "csv" ] } } } }
            """, output);

        using var answer = await PostAsync(gateway, "/in?wait=true", """{"sku":"A-1","qty":2}""");
        var toJson = Assert.Single(await json.WaitForAcceptedAsync(1));
        var toXml = Assert.Single(await xml.WaitForAcceptedAsync(1));
        var toCsv = await csv.WaitForLinesAsync(1);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(3, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("deliveries").GetInt32());
        Assert.Equal("A-1", JsonDocument.Parse(toJson.Body).RootElement.GetProperty("sku").GetString());
        Assert.Equal("/xml/A-1", toXml.Path);
        Assert.Contains("<sku>A-1</sku>", toXml.BodyText, StringComparison.Ordinal);
        Assert.StartsWith("application/xml", toXml.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("A-1,2", toCsv[0]);
        Assert.Equal(toJson.Header("X-Gateway-Message-Id"), toXml.Header("X-Gateway-Message-Id"));
    }

    [Fact]
    public async Task Messages_sent_while_a_sink_is_down_all_arrive_once_it_is_back()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        await sink.StopAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "flaky": { "Type": "Http", "Url": "{{sink.Url("/in")}}", "AttemptTimeout": "00:00:02",
                                     "Retry": { "MaxAttempts": 100, "Delay": "00:00:00.100", "MaxDelay": "00:00:00.300" } } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "flaky" ] } } } }
            """, output);

        const int count = 20;
        for (var i = 0; i < count; i++)
        {
            using var answer = await PostAsync(gateway, "/in", $$"""{"n":{{i}}}""");
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        await gateway.WaitForLogAsync("attempt \\d+ for message .* failed, retrying");
        await sink.StartAsync();
        await Poll.UntilAsync(
            () => Numbers(sink.Accepted).Distinct().Count() == count,
            Timeouts.Delivery,
            () => $"{Numbers(sink.Accepted).Distinct().Count()} of {count} distinct messages arrived");

        // At-least-once: every message arrived; a message whose answer was lost in the restart may come twice, no more.
        Assert.Equal(Enumerable.Range(0, count), Numbers(sink.Accepted).Distinct().Order());
        Assert.All(Numbers(sink.Accepted).CountBy(n => n), c => Assert.InRange(c.Value, 1, 2));
        Assert.Empty(DeadLetterFolderReader.Read(_deadLetters.Path));
    }

    [Fact]
    public async Task A_sink_down_for_good_gets_its_retries_then_the_message_goes_to_the_dead_letter_folder()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        sink.ResponseStatus = 503;
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "down": { "Type": "Http", "Url": "{{sink.Url("/in")}}", {{FastRetry}} } },
                "Routes": { "orders": { "Input": "in", "Sinks": [ "down" ] } } } }
            """, output);

        using var answer = await PostAsync(gateway, "/in", """{"sku":"Z-9"}""", new() { ["X-Trace"] = "t-42" });
        var dead = Assert.Single(await DeadLetterFolderReader.WaitForAsync(_deadLetters.Path, 1));
        await gateway.WaitForLogAsync("sink down failed message .* dead-lettered");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(3, sink.Requests.Count); // the first attempt and two retries
        Assert.Equal("down", dead.Sink);
        Assert.Equal("orders", dead.Route);
        Assert.Equal("send", dead.Stage);
        Assert.Contains("503", dead.Error, StringComparison.Ordinal);
        Assert.Equal("""{"sku":"Z-9"}""", dead.BodyText);
        Assert.Equal("t-42", dead.Metadata["X-Trace"]);
        Assert.Equal(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString(), dead.Id);
    }

    [Fact]
    public async Task A_route_dead_letter_sink_gets_the_failed_message_with_the_error_as_metadata()
    {
        await using var down = await HttpCaptureServer.StartAsync();
        down.ResponseStatus = 500;
        await using var dlq = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": {
                  "down": { "Type": "Http", "Url": "{{down.Url("/in")}}", {{FastRetry}} },
                  "dlq": { "Type": "Http", "Url": "{{dlq.Url("/dead")}}", "Headers": { "X-Error": "{header:gateway.error}", "X-Failed-Sink": "{header:gateway.sink}" } } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "down" ], "DeadLetter": "dlq" } } } }
            """, output);

        using var answer = await PostAsync(gateway, "/in?wait=true", """{"sku":"Q-1"}""");
        var dead = Assert.Single(await dlq.WaitForAcceptedAsync(1));

        Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        Assert.Contains("dlq", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Q-1", JsonDocument.Parse(dead.Body).RootElement.GetProperty("sku").GetString());
        Assert.Equal("down", dead.Header("X-Failed-Sink"));
        Assert.Contains("500", dead.Header("X-Error"), StringComparison.Ordinal);
        Assert.Empty(DeadLetterFolderReader.Read(_deadLetters.Path));
    }

    private static IEnumerable<int> Numbers(IEnumerable<CapturedRequest> requests) =>
        requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32());

    private static Task<HttpResponseMessage> PostAsync(GatewayProcess gateway, string path, string json, Dictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        return gateway.Http.SendAsync(request);
    }
}
