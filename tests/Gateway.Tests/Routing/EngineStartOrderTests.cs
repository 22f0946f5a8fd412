namespace Gateway.Tests.Routing;

/// <summary>
/// The engine starts in two steps: listeners with the host's other listeners, everything that connects out once all of
/// them are bound, so that a process that cannot bind a port has taken nothing from anyone.
/// </summary>
public sealed class EngineStartOrderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private const string Config = """
        {
          "Inputs": { "port": { "Type": "Test", "Listens": true }, "broker": { "Type": "Test" } },
          "Sinks": { "out": { "Type": "Recording" } },
          "Routes": { "from-port": { "Input": "port", "Sinks": [ "out" ] }, "from-broker": { "Input": "broker", "Sinks": [ "out" ] } }
        }
        """;

    [Fact]
    public async Task The_first_step_starts_only_the_listeners_and_stores_what_they_take_without_sending_it()
    {
        await using var harness = await EngineHarness.BindAsync(Config);

        Assert.True(harness.Input("port").Started);
        Assert.False(harness.Input("broker").Started);
        var receipt = await harness.SendAsync("port", """{"n":1}""");
        Assert.Equal(1, harness.Engine.Routes().Sum(r => r.Depth));
        Assert.Empty(harness.Sink("out").Received);

        await harness.Engine.StartedAsync(CancellationToken.None);

        Assert.True(harness.Input("broker").Started);
        Assert.True((await receipt.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.Single(harness.Sink("out").Received);
    }

    [Fact]
    public async Task An_engine_stopped_after_the_first_step_stops_at_once_and_keeps_what_it_stored()
    {
        var harness = await EngineHarness.BindAsync(Config);
        await harness.SendAsync("port", """{"n":1}""");

        await harness.DisposeAsync(keepFolders: true).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(harness.Input("broker").Started);
        Assert.Empty(harness.Sink("out").Received);
        await using var restarted = await EngineHarness.StartAsync(Config, (harness.DeadLetterFolder, harness.BufferFolder));
        var deadline = DateTime.UtcNow + Timeout;
        while (restarted.Sink("out").Received.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "the message stored before the stop was not sent after the restart");
            await Task.Delay(10);
        }
    }
}
