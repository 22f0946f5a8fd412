using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Telemetry;

/// <summary>
/// A caller's W3C trace goes through the real gateway: posted to an Http input with <c>traceparent</c>, delivered by an
/// Http sink with the same trace id, whether OpenTelemetry tracing listens (OTLP on, pointed at a closed port) or not.
/// </summary>
public sealed class TraceContextTests(ITestOutputHelper output) : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string CallerSpanId = "b7ad6b7169203331";
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("Grpc")]
    [InlineData("HttpProtobuf")]
    public async Task Http_sink_sends_the_callers_trace_id_once_with_and_without_tracing(string? otlpProtocol)
    {
        await using var destination = await HttpCaptureServer.StartAsync();
        await using var gateway = await StartAsync(destination, otlpProtocol);

        using var answer = await PostAsync(gateway, "/in?wait=true", """{"n":1}""", $"00-{TraceId}-{CallerSpanId}-01", "vendor=1");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.Single(destination.Requests);
        var traceParent = request.Header("traceparent");
        Assert.NotNull(traceParent);
        Assert.DoesNotContain(',', traceParent); // one value: HttpClient's own propagation added none
        Assert.True(ActivityContext.TryParse(traceParent, null, out var context), $"not a traceparent: {traceParent}");
        Assert.Equal(TraceId, context.TraceId.ToHexString());
        if (otlpProtocol is not null)
        {
            Assert.NotEqual(CallerSpanId, context.SpanId.ToHexString()); // the gateway's send span is the parent
        }

        Assert.Equal("vendor=1", request.Header("tracestate"));
    }

    [Fact]
    public async Task Otlp_export_to_a_closed_port_neither_breaks_nor_slows_message_flow()
    {
        await using var destination = await HttpCaptureServer.StartAsync();
        await using var gateway = await StartAsync(destination, "Grpc");
        const int Messages = 30;

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            using var answer = await PostAsync(gateway, "/in?wait=true", $$"""{"n":{{i}}}""", $"00-{TraceId}-{CallerSpanId}-01");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        watch.Stop();
        Assert.Equal(Messages, destination.Accepted.Count);
        // An exporter in the message path would wait for its connection each time; 30 loopback deliveries take well under 10 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{Messages} deliveries took {watch.Elapsed.TotalSeconds:0.0} s");
        using var metrics = await gateway.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains($"gateway_sink_delivered_messages_total{{otel_scope_name=\"Gateway\",sink=\"out\"}} {Messages}", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_otlp_endpoint_that_is_not_a_url_stops_the_start_naming_its_config_path()
    {
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = """{ "Gateway": { "Telemetry": { "Otlp": { "Endpoint": "collector:4317" } } } }""",
            Log = output,
            WaitUntilListening = false,
        });

        var exitCode = await gateway.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(gateway.Output.Lines, l => l.Contains("Gateway:Telemetry:Otlp:Endpoint: 'collector:4317' is not an absolute http or https URL", StringComparison.Ordinal));
    }

    private Task<GatewayProcess> StartAsync(HttpCaptureServer destination, string? otlpProtocol)
    {
        var telemetry = otlpProtocol is null
            ? string.Empty
            : $$"""
                "Telemetry": { "Otlp": { "Endpoint": "http://127.0.0.1:{{FreePort.Next()}}", "Protocol": "{{otlpProtocol}}" } },
                """;
        return GatewayProcess.StartAsync($$"""
            { "Gateway": {
                {{telemetry}}
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
                "Sinks": { "out": { "Type": "Http", "Url": "{{destination.Url("/traced")}}" } },
                "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
            """, output);
    }

    private static async Task<HttpResponseMessage> PostAsync(GatewayProcess gateway, string path, string json, string traceParent, string? traceState = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("traceparent", traceParent);
        if (traceState is not null)
        {
            request.Headers.TryAddWithoutValidation("tracestate", traceState);
        }

        return await gateway.Http.SendAsync(request);
    }
}
