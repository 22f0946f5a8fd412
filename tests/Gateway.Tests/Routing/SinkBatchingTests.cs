using System.Text;
using Gateway.Core.Engine;

namespace Gateway.Tests.Routing;

public sealed class SinkBatchingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Messages_waiting_for_a_batching_sink_go_as_one_batch_in_order_or_one_by_one_when_it_fails(int failBatches)
    {
        await using var harness = await EngineHarness.StartAsync($$"""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Batching", "FailBatches": {{failBatches}} } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
            }
            """);
        var first = await harness.SendAsync("in", "{\"n\":0}");
        var sink = harness.BatchSink("out");
        var deadline = DateTime.UtcNow + Timeout;
        while (harness.Engine.QueueDepths().Any(d => d.Depth > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10); // the first message is in the sink, held
        }

        var receipts = new List<Gateway.Core.Routing.MessageReceipt> { first };
        for (var i = 1; i <= 5; i++)
        {
            receipts.Add(await harness.SendAsync("in", $"{{\"n\":{i}}}"));
        }

        while (harness.Engine.QueueDepths().Single(d => d.Sink == "out").Depth < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        sink.Release();
        var reports = await Task.WhenAll(receipts.Select(r => r.Delivered.WaitAsync(Timeout)));

        Assert.All(reports, r => Assert.True(r.Succeeded));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"{{\"n\":{i}}}"), sink.Received.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        var expectedCalls = failBatches == 0
            ? new[] { "one", "batch of 5" }
            : ["one", "batch of 5", "one", "one", "one", "one", "one"];
        Assert.Equal(expectedCalls, sink.Calls);
        Assert.Equal(6, harness.Counters.Get(Gateway.Core.Routing.EndpointKind.Sink, "out").Delivered);
    }
}
