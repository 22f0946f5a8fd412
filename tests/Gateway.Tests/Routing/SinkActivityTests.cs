using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Gateway.Core.Diagnostics;
using Gateway.Core.Messages;

namespace Gateway.Tests.Routing;

/// <summary>Each send to a sink runs in a <c>send {sink}</c> span of the <c>Gateway</c> source, parented on the message's trace.</summary>
public sealed class SinkActivityTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly string _route = "traced-" + Guid.NewGuid().ToString("N");
    private readonly ActivityListener _listener;

    public SinkActivityTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayInstruments.Name,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Engines of other tests may run at the same time: keep this test's route only.
                if (activity.GetTagItem("gateway.route") as string == _route)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Sends_run_in_spans_parented_on_the_callers_trace_and_failures_mark_them()
    {
        await using var harness = await EngineHarness.StartAsync($$"""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "ok": { "Type": "Recording" }, "bad": { "Type": "Recording", "FailPermanently": true } },
              "Routes": { "{{_route}}": { "Input": "in", "Sinks": [ "ok", "bad" ] } }
            }
            """);
        var message = new Message(Encoding.UTF8.GetBytes("""{"a":1}"""), FormatNames.Json, "in")
        {
            Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            },
        };

        Assert.True(harness.Dispatcher("in").TryDispatch(message, Gateway.Core.Routing.DispatchOptions.TrackDelivery, out var receipt, out _));
        await receipt.Delivered.WaitAsync(Timeout);
        var deadline = DateTime.UtcNow + Timeout;
        while (_stopped.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var spans = _stopped.ToArray();
        Assert.Equal(2, spans.Length);
        Assert.All(spans, span =>
        {
            Assert.Equal(ActivityKind.Producer, span.Kind);
            Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
            Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
            Assert.Equal("in", span.GetTagItem("gateway.input"));
            Assert.Equal(message.Id.ToString("D"), span.GetTagItem("gateway.message.id"));
        });
        var ok = Assert.Single(spans, s => s.DisplayName == "send ok");
        Assert.Equal(ActivityStatusCode.Unset, ok.Status);
        var bad = Assert.Single(spans, s => s.DisplayName == "send bad");
        Assert.Equal(ActivityStatusCode.Error, bad.Status);
        Assert.Contains("refuses", bad.StatusDescription, StringComparison.Ordinal);
    }
}
