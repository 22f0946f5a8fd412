using System.Text;
using Gateway.Core.Engine;
using Gateway.Core.Health;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary><see cref="GatewayEngine.ReloadAsync"/>: routes, converters and sinks change while messages flow, and nothing is lost or sent twice.</summary>
public sealed class ReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static string Config(string rename, string sinks = """ "out": { "Type": "Recording" } """, string routeSinks = "\"out\"", string inputs = """ "in": { "Type": "Test" } """)
        => $$"""
            {
              "Inputs": { {{inputs}} },
              "Sinks": { {{sinks}} },
              "Routes": { "r": { "Input": "in", "Converters": [ { "Type": "Rename", "Map": { "a": "{{rename}}" } } ], "Sinks": [ {{routeSinks}} ] } }
            }
            """;

    [Fact]
    public async Task A_changed_converter_applies_to_the_next_message_and_the_unchanged_sink_keeps_running()
    {
        await using var harness = await EngineHarness.StartAsync(Config("before"));
        var sink = harness.Sink("out");
        await (await harness.SendAsync("in", """{"a":1}""")).Delivered.WaitAsync(Timeout);

        var result = await harness.ReloadAsync(Config("after"));
        await (await harness.SendAsync("in", """{"a":2}""")).Delivered.WaitAsync(Timeout);

        Assert.Equal(["r"], result.RoutesChanged);
        Assert.Empty(result.SinksChanged);
        Assert.Empty(result.RestartNeeded);
        Assert.Same(sink, harness.Sink("out"));
        Assert.False(sink.Disposed);
        Assert.Equal(["""{"before":1}""", """{"after":2}"""], sink.Received.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Contains("after", harness.Engine.Table.Routes["r"].Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reloading_the_same_configuration_changes_nothing()
    {
        await using var harness = await EngineHarness.StartAsync(Config("x"));
        var sink = harness.Sink("out");

        var result = await harness.ReloadAsync(Config("x"));

        Assert.True(result.Unchanged);
        Assert.Same(sink, harness.Sink("out"));
        Assert.Equal(["""{"x":1}"""], await SendAndReadAsync(harness, "out", """{"a":1}"""));
    }

    [Fact]
    public async Task A_changed_sink_is_recreated_and_continues_from_the_cursor_the_old_one_left()
    {
        await using var harness = await EngineHarness.StartAsync(Config("a", """ "out": { "Type": "Recording", "Block": true } """));
        var old = harness.Sink("out");
        var queued = await harness.SendAsync("in", """{"a":"queued"}""");
        await UntilAsync(() => old.Attempts == 1);

        var result = await harness.ReloadAsync(Config("a", """ "out": { "Type": "Recording", "Format": "Ndjson" } """));
        var fresh = harness.Sink("out");
        var next = await harness.SendAsync("in", """{"a":"next"}""");

        // The old sink never acknowledged the first message: its cursor stayed before it, so the new sink sends it.
        Assert.True((await queued.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.True((await next.Delivered.WaitAsync(Timeout)).Succeeded);
        Assert.Equal(["out"], result.SinksChanged);
        Assert.Equal(["r"], result.RoutesChanged);
        Assert.NotSame(old, fresh);
        await UntilAsync(() => old.Disposed);
        Assert.Empty(old.Received);
        Assert.Equal(["{\"a\":\"queued\"}\n", "{\"a\":\"next\"}\n"], fresh.Received.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(fresh.Received, m => Assert.Equal("Ndjson", m.Format));
    }

    [Fact]
    public async Task Routes_and_sinks_can_be_added_and_removed()
    {
        await using var harness = await EngineHarness.StartAsync(Config("a", """ "old": { "Type": "Recording" } """, "\"old\""));
        var old = harness.Sink("old");

        var result = await harness.ReloadAsync("""
            {
              "Inputs": { "in": { "Type": "Test" } },
              "Sinks": { "one": { "Type": "Recording" }, "two": { "Type": "Recording" } },
              "Routes": { "first": { "Input": "in", "Sinks": "one" }, "second": { "Input": "in", "Sinks": "two" } }
            }
            """);
        var report = await (await harness.SendAsync("in", """{"a":1}""")).Delivered.WaitAsync(Timeout);

        Assert.Equal(["first", "second"], result.RoutesAdded);
        Assert.Equal(["r"], result.RoutesRemoved);
        Assert.Equal(["one", "two"], result.SinksAdded);
        Assert.Equal(["old"], result.SinksRemoved);
        Assert.Equal(2, report.Deliveries);
        Assert.Single(harness.Sink("one").Received);
        Assert.Single(harness.Sink("two").Received);
        Assert.Empty(old.Received);
        await UntilAsync(() => old.Disposed);
        Assert.Equal(["first", "second"], harness.Engine.QueueDepths().Where(q => q.Sink is null).Select(q => q.Route));
        Assert.Equal(["one", "two"], harness.Engine.Components().Where(c => c.Kind == "sink").Select(c => c.Id));
    }

    [Fact]
    public async Task Input_changes_are_listed_as_needing_a_restart_and_the_running_input_keeps_working()
    {
        await using var harness = await EngineHarness.StartAsync(Config("a"));
        var input = harness.Input("in");

        var result = await harness.ReloadAsync(Config("b", inputs: """ "in": { "Type": "Test", "Format": "Csv" }, "new": { "Type": "Test" } """)
            .Replace("\"Routes\": {", "\"Routes\": { \"n\": { \"Input\": \"new\", \"Sinks\": \"out\" },", StringComparison.Ordinal));

        Assert.Equal(2, result.RestartNeeded.Count);
        Assert.Contains(result.RestartNeeded, r => r.StartsWith("Gateway:Inputs:in: input 'in' changed", StringComparison.Ordinal));
        Assert.Contains(result.RestartNeeded, r => r.StartsWith("Gateway:Inputs:new: input 'new' is new", StringComparison.Ordinal));
        Assert.False(harness.Engine.TryGetInput("new", out _));
        Assert.Same(input, harness.Input("in"));
        Assert.Equal(["""{"b":1}"""], await SendAndReadAsync(harness, "out", """{"a":1}"""));
    }

    [Fact]
    public async Task A_removed_input_refuses_messages_with_a_clear_error_until_a_restart()
    {
        await using var harness = await EngineHarness.StartAsync("""
            {
              "Inputs": { "in": { "Type": "Test" }, "gone": { "Type": "Test" } },
              "Sinks": { "out": { "Type": "Recording" } },
              "Routes": { "r": { "Input": "in", "Sinks": "out" }, "g": { "Input": "gone", "Sinks": "out" } }
            }
            """);

        var result = await harness.ReloadAsync(Config("a"));

        var restart = Assert.Single(result.RestartNeeded);
        Assert.Contains("input 'gone' was removed", restart, StringComparison.Ordinal);
        Assert.Contains("refuses messages", restart, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.SendAsync("gone", "{}"));
        Assert.Contains("No route reads input 'gone'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => harness.Dispatcher("gone").TryDispatch(new Message("{}"u8.ToArray(), "Json", "gone"), DispatchOptions.None, out _, out _));
    }

    [Fact]
    public async Task A_sink_that_cannot_be_created_leaves_everything_as_it_was()
    {
        await using var harness = await EngineHarness.StartAsync(Config("a"));
        var sink = harness.Sink("out");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.ReloadAsync(
            Config("b", """ "out": { "Type": "Recording" }, "bad": { "Type": "Unreachable" } """, "\"out\", \"bad\"")));

        Assert.Contains("sink 'bad' cannot be created", error.Message, StringComparison.Ordinal);
        Assert.Equal(["""{"a":1}"""], await SendAndReadAsync(harness, "out", """{"a":1}"""));
        Assert.Same(sink, harness.Sink("out"));
        Assert.False(harness.Engine.Table.Sinks.ContainsKey("bad"));
    }

    [Fact]
    public async Task Messages_sent_during_many_reloads_are_each_delivered_exactly_once()
    {
        const int Senders = 4;
        const int Reloads = 60;
        await using var harness = await EngineHarness.StartAsync(Config("v0"));
        var reloads = 0;
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            var receipts = new List<MessageReceipt>();
            while (Volatile.Read(ref reloads) < Reloads)
            {
                receipts.Add(await harness.SendAsync("in", $$"""{"a":"{{s}}-{{receipts.Count}}"}"""));
            }

            return receipts;
        })).ToList();

        while (reloads < Reloads)
        {
            await harness.ReloadAsync(Config($"v{(reloads + 1) % 3}"));
            Interlocked.Increment(ref reloads);
            await Task.Delay(1);
        }

        var receipts = (await Task.WhenAll(senders)).SelectMany(r => r).ToList();
        foreach (var receipt in receipts)
        {
            Assert.True((await receipt.Delivered.WaitAsync(Timeout)).Succeeded);
        }

        var values = harness.Sink("out").Received
            .Select(m => Encoding.UTF8.GetString(m.Body.Span))
            .Select(b => b[(b.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .ToList();
        Assert.True(receipts.Count > Reloads, $"only {receipts.Count} messages were sent during {Reloads} reloads");
        Assert.Equal(receipts.Count, values.Count);
        Assert.Equal(receipts.Count, values.Distinct().Count());
    }

    [Fact]
    public async Task A_reload_after_stop_is_refused()
    {
        var harness = await EngineHarness.StartAsync(Config("a"));
        await harness.Engine.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => harness.ReloadAsync(Config("b")));
        await harness.DisposeAsync();
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(10);
        }
    }

    private static async Task<IReadOnlyList<string>> SendAndReadAsync(EngineHarness harness, string sink, string body)
    {
        var before = harness.Sink(sink).Received.Count;
        await (await harness.SendAsync("in", body)).Delivered.WaitAsync(Timeout);
        return [.. harness.Sink(sink).Received.Skip(before).Select(m => Encoding.UTF8.GetString(m.Body.Span))];
    }
}
