using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Core.Routing;
using Gateway.Tests.Routing;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http.Ingest;

public sealed class IngestTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, RecordingSink> _sinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _deadLetters = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
    private readonly RequestLengthRecorder _lengths = new();
    private readonly GatewayAppFactory _factory;

    public IngestTests()
    {
        _factory = new GatewayAppFactory(
            new()
            {
                ["Gateway:DeadLetters:Folder"] = _deadLetters,
                ["Gateway:Buffer:MaxBytes"] = "65536",
                ["Gateway:Http:MaxBodyBytes"] = "4096",
                ["Gateway:Inputs:orders:Type"] = "Http",
                ["Gateway:Inputs:orders:Path"] = "/ingest/orders",
                ["Gateway:Inputs:csv:Type"] = "Http",
                ["Gateway:Inputs:csv:Path"] = "/ingest/csv",
                ["Gateway:Inputs:csv:Format"] = "Csv",
                ["Gateway:Inputs:csv:InferTypes"] = "true",
                ["Gateway:Inputs:slow:Type"] = "Http",
                ["Gateway:Inputs:slow:Path"] = "/ingest/slow",
                ["Gateway:Inputs:slow:WaitTimeout"] = "00:00:00.300",
                ["Gateway:Inputs:refused:Type"] = "Http",
                ["Gateway:Inputs:refused:Path"] = "/ingest/refused",
                ["Gateway:Sinks:store:Type"] = "Recording",
                ["Gateway:Sinks:stuck:Type"] = "Recording",
                ["Gateway:Sinks:stuck:Block"] = "true",
                ["Gateway:Sinks:refuses:Type"] = "Recording",
                ["Gateway:Sinks:refuses:FailPermanently"] = "true",
                ["Gateway:Routes:orders:Input"] = "orders",
                ["Gateway:Routes:orders:Sinks:0"] = "store",
                ["Gateway:Routes:csv:Input"] = "csv",
                ["Gateway:Routes:csv:Sinks:0"] = "store",
                ["Gateway:Routes:slow:Input"] = "slow",
                ["Gateway:Routes:slow:Sinks:0"] = "stuck",
                ["Gateway:Routes:refused:Input"] = "refused",
                ["Gateway:Routes:refused:Sinks:0"] = "refuses",
            },
            services =>
            {
                _lengths.AddTo(services);
                services.AddSingleton(new SinkRegistration(
                    "Recording",
                    typeof(RecordingSinkOptions),
                    (options, context) => _sinks.GetOrAdd(context.Id, _ => new RecordingSink((RecordingSinkOptions)options))));
            });
    }

    public void Dispose()
    {
        foreach (var sink in _sinks.Values)
        {
            sink.Release();
        }

        _factory.Dispose();
        if (Directory.Exists(_deadLetters))
        {
            Directory.Delete(_deadLetters, recursive: true);
        }
    }

    [Fact]
    public async Task Json_post_is_accepted_with_its_id_and_record_count_and_headers_become_metadata()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/orders") { Content = Json("[{\"a\":1},{\"a\":2}]") };
        request.Headers.Add("X-Request-Id", "r-42");
        request.Headers.Add("Authorization", "Bearer secret");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("records").GetInt32());
        var id = answer.GetProperty("id").GetGuid();
        var received = await ReceivedAsync("store");
        Assert.Equal(id, received.Canonical.Id);
        Assert.Equal("orders", received.Canonical.InputId);
        Assert.Equal("r-42", received.Canonical.Metadata["X-Request-Id"]);
        Assert.False(received.Canonical.Metadata.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Configured_format_wins_and_put_is_accepted()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PutAsync("/ingest/csv", new StringContent("a,b\n1,x\n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""[{"a":1,"b":"x"}]""", Encoding.UTF8.GetString((await ReceivedAsync("store")).Body.Span));
    }

    [Fact]
    public async Task Malformed_body_is_400_with_its_position_and_only_its_start_is_kept_among_the_recent_failures()
    {
        using var client = _factory.CreateClient();
        var body = "{\"a\":\n  tru}" + new string(' ', 4000);
        using var response = await client.PostAsync("/ingest/orders", Json(body));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 2", problem.GetProperty("position").GetString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var id = problem.GetProperty("id").GetGuid();
        Assert.False(Directory.Exists(_deadLetters) && Directory.GetFiles(_deadLetters).Length > 0);
        var failure = Assert.Single(_factory.Services.GetRequiredService<RecentFailures>().Snapshot());
        Assert.Equal((id, "refused", (long?)Encoding.UTF8.GetByteCount(body)), (failure.MessageId, failure.Stage, failure.BodyLength));
        Assert.Equal(body, failure.BodyStart); // shorter than 4 KiB: kept whole (the functional RefusedBodyTests cut a 5 MB one)
        Assert.Empty(_factory.Problems);
    }

    [Fact]
    public async Task Unknown_content_type_without_a_configured_format_is_415()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/ingest/orders", new StringContent("hello", Encoding.UTF8, "application/x-unknown"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("text/csv", problem.GetProperty("accepted").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_answers_200_once_every_sink_acknowledged()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/ingest/orders?wait=true", Json("{\"a\":1}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("deliveries").GetInt32());
        Assert.Single(_sinks["store"].Received);
    }

    [Fact]
    public async Task Wait_answers_502_naming_the_sink_that_failed()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/ingest/refused?wait=true", Json("{\"a\":1}"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway);
        var failure = problem.GetProperty("failures")[0];
        var deadLetter = failure.GetProperty("deadLetter").GetString()!;

        // "was dead-lettered" must already be true when the sender reads it: the file is there, in the folder.
        Assert.Equal("refuses", problem.GetProperty("sink").GetString());
        Assert.Equal(
            $"Sink 'refuses' of route 'refused' failed: {failure.GetProperty("error").GetString()}. It was dead-lettered to {deadLetter}.",
            problem.GetProperty("detail").GetString());
        Assert.Contains("the destination refuses this message", failure.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(_deadLetters), Path.GetDirectoryName(Path.GetFullPath(deadLetter)));
        Assert.True(File.Exists(deadLetter), $"the dead letter {deadLetter} named in the answer does not exist yet");
    }

    [Fact]
    public async Task Wait_answers_504_when_a_sink_takes_too_long_and_a_full_buffer_answers_503()
    {
        using var client = _factory.CreateClient();
        using var slow = await client.PostAsync("/ingest/slow?wait=true", Json("{\"a\":1}"));
        await ProblemAssert.IsProblemAsync(slow, HttpStatusCode.GatewayTimeout);

        // 4 KB bodies that the stuck sink never takes fill the 64 KiB buffer in about sixteen posts.
        var large = "{\"pad\":\"" + new string('x', 4000) + "\"}";
        HttpStatusCode status = HttpStatusCode.Accepted;
        for (var i = 0; i < 40 && status == HttpStatusCode.Accepted; i++)
        {
            using var response = await client.PostAsync("/ingest/slow", Json(large));
            status = response.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            }
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
    }

    [Fact]
    public async Task Only_the_configured_inputs_are_served_not_the_embedded_defaults()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/ingest", Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bodies_with_or_without_content_length_are_read_whole_and_limited(bool chunked)
    {
        // No redirect handler: it buffers a body of unknown length and sends it with a Content-Length.
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var records = string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"n\":{i}}}"));
        using var fits = Body(Encoding.UTF8.GetBytes($"[{records}]"), chunked);
        using var accepted = await client.PostAsync("/ingest/orders?wait=true", fits);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(100, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("records").GetInt32());

        using var tooLarge = Body(Encoding.UTF8.GetBytes($"[{string.Join(",", Enumerable.Repeat(records, 10))}]"), chunked);
        using var refused = await client.PostAsync("/ingest/orders", tooLarge);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        long?[] lengths = chunked ? [null, null] : [fits.Headers.ContentLength, tooLarge.Headers.ContentLength];
        Assert.Equal(lengths, _lengths.Seen);

        static HttpContent Body(byte[] bytes, bool chunked)
        {
            HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            return content;
        }
    }

    [Fact]
    public async Task Bad_wait_value_is_400()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/ingest/orders?wait=maybe", Json("{}"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<OutgoingMessage> ReceivedAsync(string sink)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_sinks.TryGetValue(sink, out var recording) && recording.Received.TryPeek(out var message))
            {
                return message;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"sink {sink} received nothing");
    }
}
