using System.Diagnostics;
using Gateway.Core.Diagnostics;
using Gateway.Core.Messages;

namespace Gateway.Tests.Telemetry;

public sealed class MessageTraceContextTests
{
    internal const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Without_an_activity_the_callers_headers_are_kept_as_they_came()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        MessageTraceContext.Capture(metadata, current: null, TraceParent, "vendor=abc");

        Assert.Equal(TraceParent, metadata["traceparent"]);
        Assert.Equal("vendor=abc", metadata["tracestate"]);
        Assert.True(MessageTraceContext.TryGet(Message(metadata), out var context));
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", context.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", context.SpanId.ToHexString());
        Assert.True(context.IsRemote);
    }

    [Fact]
    public void A_current_activity_continuing_the_callers_trace_wins()
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["traceparent"] = TraceParent };
        using var activity = new Activity("request").SetParentId(TraceParent).Start();

        MessageTraceContext.Capture(metadata, activity, TraceParent, null);

        Assert.Equal(activity.Id, metadata["traceparent"]);
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", metadata["traceparent"], StringComparison.Ordinal);
        Assert.NotEqual(TraceParent, metadata["traceparent"]);
        Assert.False(metadata.ContainsKey("tracestate"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nX-Evil: 1")]
    public void An_invalid_header_is_dropped_so_it_is_never_forwarded(string traceParent)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["traceparent"] = traceParent };

        MessageTraceContext.Capture(metadata, current: null, traceParent, null);

        Assert.False(metadata.ContainsKey("traceparent"));
        Assert.False(MessageTraceContext.TryGet(Message(metadata), out _));
    }

    [Fact]
    public void A_message_without_trace_metadata_has_no_context()
    {
        Assert.False(MessageTraceContext.TryGet(new Message("{}"u8.ToArray(), FormatNames.Json), out var context));
        Assert.Equal(default, context);
    }

    private static Message Message(Dictionary<string, string> metadata) => new("{}"u8.ToArray(), FormatNames.Json) { Metadata = metadata };
}
