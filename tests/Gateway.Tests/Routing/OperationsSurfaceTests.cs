using System.Text;
using Gateway.Core.Health;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>What the engine offers the operations surface: component states, recent failures and re-driving.</summary>
public sealed class OperationsSurfaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Components_lists_every_input_and_sink_with_its_type()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "a": { "Type": "Recording" }, "b": { "Type": "Batching" } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "a", "b" ] } }
            }
            """);

        var components = harness.Engine.Components();

        Assert.Equal(
            ["input:in:Test:Up", "sink:a:Recording:Up", "sink:b:Batching:Up"],
            components.Select(c => $"{c.Kind}:{c.Id}:{c.Type}:{c.State}"));
    }

    [Fact]
    public async Task Failures_are_kept_newest_first_and_a_failed_sink_delivery_can_be_redriven_to_that_sink()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test", "Format": "Csv" } },
              "Sinks": { "flaky": { "Type": "Recording", "FailTimes": 1, "Retry": { "MaxAttempts": 0 } } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "flaky" ] } }
            }
            """);

        var bad = await harness.SendAsync("in", "a,b\n1,2,3\n", "Csv");
        Assert.False((await bad.Delivered.WaitAsync(Timeout)).Succeeded);
        var failed = await harness.SendAsync("in", "a\n1\n", "Csv");
        Assert.False((await failed.Delivered.WaitAsync(Timeout)).Succeeded);

        var failures = harness.Engine.Failures.Snapshot();
        Assert.Equal(2, failures.Count);
        Assert.Equal((failed.Id, "flaky", "send"), (failures[0].MessageId, failures[0].Sink, failures[0].Stage));
        Assert.Equal((bad.Id, null, "convert"), (failures[1].MessageId, failures[1].Sink, failures[1].Stage));
        Assert.All(failures, f => Assert.Equal(("r", "in"), (f.Route, f.Input)));
        Assert.All(failures, f => Assert.True(File.Exists(f.DeadLetter), f.DeadLetter));

        var again = new Message(Encoding.UTF8.GetBytes("""[{"a":"1"}]"""), FormatNames.Json, "in") { Id = failed.Id };
        var receipt = await harness.Engine.RedriveAsync("r", "flaky", again, CancellationToken.None);

        Assert.True((await receipt.Delivered.WaitAsync(Timeout)).Succeeded);
        var delivered = Assert.Single(harness.Sink("flaky").Received);
        Assert.Equal(failed.Id, delivered.Canonical.Id);
        Assert.Equal(1, harness.Counters.Get(EndpointKind.Sink, "flaky").Delivered);
    }

    [Fact]
    public async Task A_message_that_failed_conversion_is_redriven_through_the_route()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test", "Format": "Csv" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
            }
            """);

        var fixedBody = new Message(Encoding.UTF8.GetBytes("a,b\n1,2\n"), FormatNames.Csv, "in");
        var receipt = await harness.Engine.RedriveAsync("r", null, fixedBody, CancellationToken.None);

        Assert.Equal(1, receipt.Records);
        Assert.True((await receipt.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.Equal("""[{"a":"1","b":"2"}]""", Encoding.UTF8.GetString(Assert.Single(harness.Sink("out").Received).Body.Span));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await harness.Engine.RedriveAsync("nope", null, fixedBody, CancellationToken.None));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await harness.Engine.RedriveAsync("r", "nope", fixedBody, CancellationToken.None));
    }

    [Fact]
    public void Recent_failures_keep_the_newest_hundred()
    {
        var failures = new RecentFailures();
        for (var i = 0; i < RecentFailures.Capacity + 5; i++)
        {
            failures.Record(new FailureRecord(DateTimeOffset.UtcNow, Guid.NewGuid(), "r", "in", null, "convert", $"error {i}", null));
        }

        var kept = failures.Snapshot();
        Assert.Equal(RecentFailures.Capacity + 5, failures.Total);
        Assert.Equal(RecentFailures.Capacity, kept.Count);
        Assert.Equal("error 104", kept[0].Error);
        Assert.Equal("error 5", kept[^1].Error);
    }
}
