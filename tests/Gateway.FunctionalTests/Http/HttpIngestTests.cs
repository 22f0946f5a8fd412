using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Http;

/// <summary>The Http input of the real program: answers, delivery to a TCP sink, wait=true, bad bodies, full routes.</summary>
public sealed class HttpIngestTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Fact]
    public async Task Posted_json_is_answered_202_with_id_and_records_and_arrives_at_the_tcp_sink()
    {
        await using var tcp = TcpCaptureServer.Start();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "orders": { "Type": "Http", "Path": "/ingest/orders" } },
                "Sinks": { "archive": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" } },
                "Routes": { "r": { "Input": "orders", "Sinks": [ "archive" ] } } } }
            """, output);

        using var answer = await PostJsonAsync(gateway, "/ingest/orders", """[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}]""");
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var lines = await tcp.WaitForLinesAsync(2);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(2, json.RootElement.GetProperty("records").GetInt32());
        Assert.True(Guid.TryParse(json.RootElement.GetProperty("id").GetString(), out _));
        Assert.Equal(["A-1", "B-7"], lines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task Wait_true_answers_200_once_delivered_and_502_naming_the_sink_that_refused()
    {
        await using var good = await HttpCaptureServer.StartAsync();
        await using var refusing = await HttpCaptureServer.StartAsync();
        refusing.ResponseStatus = 400; // a permanent refusal: no retries, straight to the dead letters
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": {
                  "ok": { "Type": "Http", "Path": "/ok" },
                  "bad": { "Type": "Http", "Path": "/bad" } },
                "Sinks": {
                  "good": { "Type": "Http", "Url": "{{good.Url("/in")}}" },
                  "picky": { "Type": "Http", "Url": "{{refusing.Url("/in")}}" } },
                "Routes": {
                  "fine": { "Input": "ok", "Sinks": [ "good" ] },
                  "failing": { "Input": "bad", "Sinks": [ "picky" ] } } } }
            """, output);

        using var delivered = await PostJsonAsync(gateway, "/ok?wait=true", """{"n":1}""");
        var deliveredText = await delivered.Content.ReadAsStringAsync();
        using var failed = await PostJsonAsync(gateway, "/bad?wait=true", """{"n":2}""");
        using var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Single(good.Accepted); // answered only after the sink acknowledged
        Assert.Equal(1, JsonDocument.Parse(deliveredText).RootElement.GetProperty("records").GetInt32());
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("picky", problem.RootElement.GetProperty("sink").GetString());
        Assert.Contains("picky", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var dead = Assert.Single(await DeadLetterFolderReader.WaitForAsync(_deadLetters.Path, 1));
        Assert.Equal("picky", dead.Sink);
        Assert.Equal("failing", dead.Route);
    }

    [Fact]
    public async Task Malformed_body_is_answered_400_with_problem_details_not_stored_and_the_gateway_keeps_serving()
    {
        await using var sink = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "out": { "Type": "Http", "Url": "{{sink.Url("/out")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
            """, output);

        using var bad = await PostJsonAsync(gateway, "/in", """{"sku":"A-1","qty":""");
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        using var badCsv = await gateway.Http.PostAsync(new Uri("/in", UriKind.Relative), new StringContent("a,b\n1,\"open\n", Encoding.UTF8, "text/csv"));
        using var good = await PostJsonAsync(gateway, "/in", """{"sku":"A-2"}""");
        var delivered = await sink.WaitForAcceptedAsync(1);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Contains("Nothing was stored", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal("A-2", JsonDocument.Parse(Assert.Single(delivered).Body).RootElement.GetProperty("sku").GetString());
        Assert.False(Directory.Exists(_deadLetters.Path) && Directory.EnumerateFiles(_deadLetters.Path).Any(), "the sender has the refused bodies: nothing is dead-lettered");
    }

    [Fact]
    public async Task A_full_buffer_answers_503_with_retry_after()
    {
        await using var slow = await HttpCaptureServer.StartAsync();
        slow.ResponseDelay = TimeSpan.FromSeconds(3);
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Buffer": { "MaxBytes": 65536 },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "slow": { "Type": "Http", "Url": "{{slow.Url("/slow")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "slow" ] } } } }
            """, output);

        // 8 KB messages the slow sink does not take in time fill the 64 KiB buffer after about eight.
        var pad = new string('x', 8000);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? full = null;
        for (var i = 0; i < 40 && full is null; i++)
        {
            var answer = await PostJsonAsync(gateway, "/in", $$"""{"n":{{i}},"pad":"{{pad}}"}""");
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                full = answer;
            }
            else
            {
                answer.Dispose();
            }
        }

        Assert.True(full is not null, $"no 503 among {string.Join(", ", statuses)}");
        using (full)
        {
            Assert.True(full.Headers.RetryAfter is not null, "the 503 has no Retry-After");
            Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
        }

        Assert.All(statuses.Take(statuses.Count - 1), s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    private static Task<HttpResponseMessage> PostJsonAsync(GatewayProcess gateway, string path, string json) =>
        gateway.Http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
