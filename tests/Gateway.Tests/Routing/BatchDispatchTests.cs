using System.Text;
using Gateway.Core.Messages;

namespace Gateway.Tests.Routing;

/// <summary>A batch (all frames of one TCP read) is converted, reserved and appended together, and nothing in it is lost or reordered.</summary>
public sealed class BatchDispatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_message_of_a_batch_reaches_every_route_in_order_and_refusals_are_dead_lettered()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "a": { "Type": "Recording", "Format": "Csv", "HasHeader": false }, "b": { "Type": "Recording" } },
              "Routes": {
                "ra": { "Input": "in", "Sinks": [ "a" ] },
                "rb": { "Input": "in", "Sinks": [ "b" ], "Converters": [ { "Type": "Filter", "Expression": "n < `3`" } ] }
              }
            }
            """);

        var messages = Enumerable.Range(0, 6)
            .Select(i => new Message(Encoding.UTF8.GetBytes(i == 4 ? "{\"n\": oops}" : $"{{\"n\":{i}}}"), FormatNames.Json, "in"))
            .ToList();
        var committed = await harness.Dispatcher("in").DispatchBatchAsync(messages, CancellationToken.None);
        await committed.WaitAsync(Timeout);

        await WaitUntil(
            () => harness.Sink("a").Received.Count == 5 && harness.Sink("b").Received.Count == 3 && harness.DeadLetterMeta().Count == 2,
            () => $"a {harness.Sink("a").Received.Count}, b {harness.Sink("b").Received.Count}, dead letters {harness.DeadLetterMeta().Count}");
        Assert.Equal(["0", "1", "2", "3", "5"], harness.Sink("a").Received.Select(m => Encoding.UTF8.GetString(m.Body.Span).TrimEnd()));
        Assert.Equal([messages[0].Id, messages[1].Id, messages[2].Id], harness.Sink("b").Received.Select(m => m.Canonical.Id));
        Assert.Equal(6, harness.Counters.Get(Gateway.Core.Routing.EndpointKind.Input, "in").Received);
    }

    [Fact]
    public async Task A_batch_larger_than_half_the_buffer_is_stored_in_parts_that_each_fit()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Buffer": { "MaxBytes": 65536 },
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
            }
            """);

        // 20 messages of about 8 KB: 160 KB in all, more than the whole buffer, yet every part fits once the sink drains.
        var body = "{\"pad\":\"" + new string('x', 8000) + "\"}";
        var messages = Enumerable.Range(0, 20).Select(_ => new Message(Encoding.UTF8.GetBytes(body), FormatNames.Json, "in")).ToList();
        var committed = await harness.Dispatcher("in").DispatchBatchAsync(messages, CancellationToken.None).AsTask().WaitAsync(Timeout);
        await committed.WaitAsync(Timeout);

        await WaitUntil(() => harness.Sink("out").Received.Count == 20, () => $"{harness.Sink("out").Received.Count} of 20 arrived");
        Assert.Equal(messages.Select(m => m.Id), harness.Sink("out").Received.Select(m => m.Canonical.Id));
    }

    private static async Task WaitUntil(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {state()}");
            await Task.Delay(10);
        }
    }
}
