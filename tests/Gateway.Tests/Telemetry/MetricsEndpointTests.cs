using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gateway.Core.Routing;
using Gateway.Tests.Http;
using Gateway.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Telemetry;

/// <summary><c>GET /metrics</c> of an in-memory gateway after messages went through its routes.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, RecordingSink> _sinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _deadLetters = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
    private readonly List<GatewayAppFactory> _factories = [];

    public void Dispose()
    {
        foreach (var sink in _sinks.Values)
        {
            sink.Release();
        }

        foreach (var factory in _factories)
        {
            factory.Dispose();
        }

        if (Directory.Exists(_deadLetters))
        {
            Directory.Delete(_deadLetters, recursive: true);
        }
    }

    /// <remarks>
    /// The histograms are recorded on the process-wide meter, so other tests' hosts in this process see them too: the
    /// routes here have names no other test uses.
    /// </remarks>
    [Fact]
    public async Task Counters_per_input_route_and_sink_queue_depth_histograms_and_http_metrics_are_served()
    {
        using var client = Start(new()
        {
            ["Gateway:Inputs:orders:Type"] = "Http",
            ["Gateway:Inputs:orders:Path"] = "/ingest/orders",
            ["Gateway:Inputs:refused:Type"] = "Http",
            ["Gateway:Inputs:refused:Path"] = "/ingest/refused",
            ["Gateway:Inputs:slow:Type"] = "Http",
            ["Gateway:Inputs:slow:Path"] = "/ingest/slow",
            ["Gateway:Sinks:store:Type"] = "Recording",
            ["Gateway:Sinks:flaky:Type"] = "Recording",
            ["Gateway:Sinks:flaky:FailTimes"] = "1",
            ["Gateway:Sinks:flaky:Retry:Delay"] = "00:00:00.001",
            ["Gateway:Sinks:refuses:Type"] = "Recording",
            ["Gateway:Sinks:refuses:FailPermanently"] = "true",
            ["Gateway:Sinks:stuck:Type"] = "Recording",
            ["Gateway:Sinks:stuck:Block"] = "true",
            ["Gateway:Routes:metered-orders:Input"] = "orders",
            ["Gateway:Routes:metered-orders:Sinks:0"] = "store",
            ["Gateway:Routes:metered-orders:Sinks:1"] = "flaky",
            ["Gateway:Routes:metered-refused:Input"] = "refused",
            ["Gateway:Routes:metered-refused:Sinks:0"] = "refuses",
            ["Gateway:Routes:metered-slow:Input"] = "slow",
            ["Gateway:Routes:metered-slow:Sinks:0"] = "stuck",
        }).CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/ingest/orders?wait=true", """{"n":1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, "/ingest/orders?wait=true", """[{"n":2},{"n":3}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, "/ingest/orders", """{"n":""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, (await PostAsync(client, "/ingest/refused?wait=true", """{"n":4}""")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            // The blocked sink holds the first; none of the three is done, so all three count in its depth.
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, "/ingest/slow", """{"n":5}""")).StatusCode);
        }

        var metrics = await ScrapeUntilAsync(client, m =>
            m.Value("gateway_sink_dead_lettered_messages_total", ("sink", "refuses")) == 1
            && m.Value("gateway_route_queue_depth", ("route", "metered-orders")) == 0
            && m.Value("gateway_sink_queue_depth", ("route", "metered-slow"), ("sink", "stuck")) == 3);

        Assert.Equal(3, metrics.Value("gateway_input_received_messages_total", ("input", "orders")));
        Assert.Equal(Encoding.UTF8.GetByteCount("""{"n":1}[{"n":2},{"n":3}]{"n":"""), metrics.Value("gateway_input_received_bytes_total", ("input", "orders")));
        Assert.Equal(1, metrics.Value("gateway_input_received_messages_total", ("input", "refused")));
        Assert.Equal(3, metrics.Value("gateway_route_received_messages_total", ("route", "metered-orders")));
        Assert.Equal(2, metrics.Value("gateway_route_converted_messages_total", ("route", "metered-orders")));
        Assert.Equal(1, metrics.Value("gateway_route_failed_messages_total", ("route", "metered-orders")));
        Assert.Equal(2, metrics.Value("gateway_sink_delivered_messages_total", ("sink", "store")));
        Assert.Equal(Encoding.UTF8.GetByteCount("""{"n":1}[{"n":2},{"n":3}]"""), metrics.Value("gateway_sink_delivered_bytes_total", ("sink", "store")));
        Assert.Equal(2, metrics.Value("gateway_sink_delivered_messages_total", ("sink", "flaky")));
        Assert.Equal(1, metrics.Value("gateway_sink_retries_total", ("sink", "flaky")));
        Assert.Equal(0, metrics.Value("gateway_sink_retries_total", ("sink", "store")));
        Assert.Equal(1, metrics.Value("gateway_sink_failed_messages_total", ("sink", "refuses")));
        Assert.Equal(1, metrics.Value("gateway_sink_dead_lettered_messages_total", ("sink", "refuses")));
        Assert.Equal(0, metrics.Value("gateway_sink_delivered_messages_total", ("sink", "refuses")));
        Assert.Equal(0, metrics.Value("gateway_route_queue_depth", ("route", "metered-orders")));
        Assert.Equal("counter", metrics.TypeOf("gateway_sink_delivered_messages_total"));
        Assert.Equal("gauge", metrics.TypeOf("gateway_sink_queue_depth"));

        // Histograms: buckets from sub-millisecond to seconds, cumulative, with +Inf equal to the count.
        Assert.Equal("histogram", metrics.TypeOf("gateway_sink_duration_seconds"));
        var delivered = new[] { ("route", "metered-orders"), ("sink", "store"), ("outcome", "delivered") };
        var buckets = metrics.Samples("gateway_sink_duration_seconds_bucket", delivered);
        Assert.Contains(buckets, b => b.Labels["le"] == "0.0001");
        Assert.Contains(buckets, b => b.Labels["le"] == "10");
        Assert.Equal(2, buckets.Single(b => b.Labels["le"] == "+Inf").Value);
        Assert.Equal(2, metrics.Value("gateway_sink_duration_seconds_count", delivered));
        Assert.Equal(1, metrics.Value("gateway_sink_duration_seconds_count", ("route", "metered-refused"), ("sink", "refuses"), ("outcome", "failed")));
        Assert.Equal(2, metrics.Value("gateway_conversion_duration_seconds_bucket", ("route", "metered-orders"), ("le", "+Inf")));

        // ASP.NET Core's own metrics, by route template.
        Assert.Equal("histogram", metrics.TypeOf("http_server_request_duration_seconds"));
        Assert.Contains(metrics.Samples("http_server_request_duration_seconds_count", ("http_request_method", "POST")), s => s.Value >= 1);
        Assert.NotNull(metrics.TypeOf("dotnet_gc_collections_total"));
    }

    [Fact]
    public async Task Two_hosts_in_one_process_each_show_only_their_own_inputs()
    {
        using var first = Start(OneRoute("alpha")).CreateClient();
        using var second = Start(OneRoute("beta")).CreateClient();
        await PostAsync(first, "/alpha", "{}");
        await PostAsync(second, "/beta", "{}");

        var one = await ScrapeUntilAsync(first, m => m.Value("gateway_input_received_messages_total", ("input", "alpha")) == 1);
        var two = await ScrapeUntilAsync(second, m => m.Value("gateway_input_received_messages_total", ("input", "beta")) == 1);

        Assert.Empty(one.Samples("gateway_input_received_messages_total", ("input", "beta")));
        Assert.Empty(two.Samples("gateway_input_received_messages_total", ("input", "alpha")));
    }

    [Fact]
    public async Task Only_get_and_head_scrape()
    {
        using var client = Start([]).CreateClient();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics")).WaitAsync(Timeout);
        using var post = await client.PostAsync("/metrics", new StringContent("")).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Prometheus_off_answers_404()
    {
        using var client = Start(new() { ["Gateway:Telemetry:Prometheus"] = "false" }).CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string?> OneRoute(string id) => new()
    {
        [$"Gateway:Inputs:{id}:Type"] = "Http",
        [$"Gateway:Inputs:{id}:Path"] = "/" + id,
        [$"Gateway:Sinks:{id}-sink:Type"] = "Recording",
        [$"Gateway:Routes:{id}:Input"] = id,
        [$"Gateway:Routes:{id}:Sinks:0"] = id + "-sink",
    };

    private GatewayAppFactory Start(Dictionary<string, string?> settings)
    {
        settings["Gateway:DeadLetters:Folder"] = _deadLetters;
        var factory = new GatewayAppFactory(
            settings,
            services => services.AddSingleton(new SinkRegistration(
                "Recording",
                typeof(RecordingSinkOptions),
                (options, context) => _sinks.GetOrAdd(context.Id, _ => new RecordingSink((RecordingSinkOptions)options)))));
        _factories.Add(factory);
        return factory;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json)
        => await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json")).WaitAsync(Timeout);

    /// <summary>Scrapes until <paramref name="ready"/> holds (the routes work in the background), or fails with the last scrape.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient client, Func<PrometheusText, bool> ready)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var response = await client.GetAsync("/metrics").WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            var metrics = PrometheusText.Parse(text);
            if (ready(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the metrics did not reach the expected values in time:\n{text}");
            await Task.Delay(50);
        }
    }
}
