using System.Diagnostics;
using Gateway.Core.Routing;

namespace Gateway.Tests.Transports.Http;

/// <summary>The W3C trace context an Http sink sends: the engine's send span when it exists, else what the message carries.</summary>
public sealed class HttpSinkTraceContextTests : IDisposable
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string TraceParent = $"00-{TraceId}-00f067aa0ba902b7-01";
    private readonly SinkTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Without_a_span_the_messages_traceparent_and_tracestate_are_forwarded_as_they_came()
    {
        Assert.Null(Activity.Current);
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in" }""");

        await SinkTestHost.SendAsync(sink, Traced("rojo=00f067aa0ba902b7"));

        var request = Assert.Single(server.Requests);
        Assert.Equal(TraceParent, request.Headers["traceparent"]);
        Assert.Equal("rojo=00f067aa0ba902b7", request.Headers["tracestate"]);
    }

    [Fact]
    public async Task Inside_the_send_span_the_span_is_the_parent_and_the_header_is_sent_once()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in" }""");
        var message = Traced();
        using (var span = new Activity("send s").SetParentId(TraceParent).Start())
        {
            // HttpClient propagates Activity.Current by itself too: the request must still carry one traceparent.
            await SinkTestHost.SendAsync(sink, message);

            var request = Assert.Single(server.Requests);
            Assert.Equal(span.Id, request.Headers["traceparent"]);
            Assert.StartsWith($"00-{TraceId}-", request.Headers["traceparent"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_span_of_another_trace_does_not_replace_the_messages_trace()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await using var sink = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in" }""");
        using var unrelated = new Activity("unrelated").Start();

        await SinkTestHost.SendAsync(sink, Traced());

        Assert.Equal(TraceParent, Assert.Single(server.Requests).Headers["traceparent"]);
    }

    [Fact]
    public async Task A_configured_traceparent_header_wins_and_a_message_without_trace_sends_none()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        const string Configured = "00-11111111111111111111111111111111-2222222222222222-00";
        await using var configured = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in", "Headers": { "traceparent": "{{Configured}}" } }""");
        await using var plain = _host.Create("Http", $$"""{ "Url": "{{server.Address}}in" }""");

        await SinkTestHost.SendAsync(configured, Traced());
        await SinkTestHost.SendAsync(plain, _host.Message("{}"));

        var requests = server.Requests.ToArray();
        Assert.Equal(Configured, requests[0].Headers["traceparent"]);
        Assert.False(requests[1].Headers.ContainsKey("traceparent"));
    }

    private OutgoingMessage Traced(string? traceState = null)
    {
        var message = _host.Message("""{"a":1}""");
        message.Canonical.Metadata["traceparent"] = TraceParent;
        if (traceState is not null)
        {
            message.Canonical.Metadata["tracestate"] = traceState;
        }

        return message;
    }
}
