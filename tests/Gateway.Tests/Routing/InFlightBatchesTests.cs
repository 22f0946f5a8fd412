using Gateway.Core.Engine;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>A sink with several batches in flight: they overlap, finish in any order, and the cursor never passes one that is not done.</summary>
public sealed class InFlightBatchesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private const string Config = """
        {
          "Inputs": { "in": { "Type": "Test" } },
          "Sinks": { "out": { "Type": "Held", "Retry": { "Delay": "00:00:00.010" } } },
          "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } }
        }
        """;

    [Fact]
    public async Task Up_to_the_sinks_default_of_four_batches_are_outstanding_at_once_and_finish_in_any_order()
    {
        await using var harness = await EngineHarness.StartAsync(Config);
        var (receipts, sends) = await SendHeldAsync(harness, 4);

        // A fifth message waits for a free slot: the oldest batch leaves the window when it is done.
        receipts.Add(await harness.SendAsync("in", "{\"n\":4}"));
        Assert.False(harness.HeldSink("out").HasWaitingSend);
        sends[3].Succeed();
        sends[2].Succeed();
        await Task.WhenAll(receipts[2].Delivered, receipts[3].Delivered).WaitAsync(Timeout);
        Assert.False(harness.HeldSink("out").HasWaitingSend);
        sends[0].Succeed();
        var fifth = await harness.HeldSink("out").NextSendAsync(Timeout);
        fifth.Succeed();
        sends[1].Succeed();

        var reports = await Task.WhenAll(receipts.Select(r => r.Delivered.WaitAsync(Timeout)));
        Assert.All(reports, r => Assert.True(r.Succeeded));
        Assert.Equal(["{\"n\":4}"], fifth.Bodies);
        Assert.Equal(5, harness.Counters.Get(EndpointKind.Sink, "out").Delivered);
        await WaitForDepthAsync(harness, 0);
    }

    [Fact]
    public async Task A_failing_batch_keeps_the_cursor_behind_it_while_a_later_batch_succeeded_so_a_restart_sends_both_again()
    {
        var harness = await EngineHarness.StartAsync(Config);
        var (receipts, sends) = await SendHeldAsync(harness, 3);
        sends[0].Succeed();
        sends[2].Succeed();
        sends[1].Fail(transient: true);
        var retry = await harness.HeldSink("out").NextSendAsync(Timeout); // retried as today, still held
        await Task.WhenAll(receipts[0].Delivered, receipts[2].Delivered).WaitAsync(Timeout);
        Assert.Equal(["{\"n\":1}"], retry.Bodies);
        await WaitForDepthAsync(harness, 2);
        await harness.DisposeAsync(keepFolders: true); // stops while the second message is not done

        await using var restarted = await EngineHarness.StartAsync(Config, (harness.DeadLetterFolder, harness.BufferFolder));
        var again = new List<string>(); // read again as one batch or two
        while (again.Count < 2)
        {
            var send = await restarted.HeldSink("out").NextSendAsync(Timeout);
            again.AddRange(send.Bodies);
            send.Succeed();
        }

        await WaitForDepthAsync(restarted, 0);
        Assert.Equal(["{\"n\":1}", "{\"n\":2}"], again.Order());
        Assert.Equal(2, restarted.Counters.Get(EndpointKind.Sink, "out").Delivered);
    }

    [Fact]
    public async Task A_batch_refused_for_good_is_dead_lettered_while_the_others_are_delivered()
    {
        await using var harness = await EngineHarness.StartAsync(Config);
        var (receipts, sends) = await SendHeldAsync(harness, 3);
        sends[2].Succeed();
        sends[1].Fail(transient: false);
        sends[0].Succeed();

        var reports = await Task.WhenAll(receipts.Select(r => r.Delivered.WaitAsync(Timeout)));
        Assert.Equal([true, false, true], reports.Select(r => r.Succeeded));
        Assert.Single(harness.DeadLetterMeta());
        await WaitForDepthAsync(harness, 0);
    }

    /// <summary>
    /// Most messages have no delivery tracker (nobody waits: no <c>?wait=true</c>, no MQTT ack); they must be sent and
    /// dead-lettered all the same. A send written inside <c>Tracker?.Complete(...)</c> was skipped for them.
    /// </summary>
    [Fact]
    public async Task Messages_nobody_waits_for_are_sent_and_dead_lettered_all_the_same()
    {
        await using var harness = await EngineHarness.StartAsync(Config);
        var sends = new List<HeldSend>();
        for (var i = 0; i < 3; i++)
        {
            var message = new Message(System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), FormatNames.Json, "in");
            Assert.True(harness.Dispatcher("in").TryDispatch(message, DispatchOptions.None, out var receipt, out var refusal), refusal);
            await receipt.Committed.WaitAsync(Timeout);
            sends.Add(await harness.HeldSink("out").NextSendAsync(Timeout));
        }

        sends[0].Succeed();
        sends[1].Fail(transient: false);
        sends[2].Succeed();

        await WaitForDepthAsync(harness, 0);
        Assert.Equal(2, harness.Counters.Get(EndpointKind.Sink, "out").Delivered);
        Assert.Single(harness.DeadLetterMeta());
    }

    [Fact]
    public async Task MaxInFlightBatches_1_keeps_one_batch_at_a_time()
    {
        await using var harness = await EngineHarness.StartAsync(Config.Replace("\"Type\": \"Held\",", "\"Type\": \"Held\", \"MaxInFlightBatches\": 1,", StringComparison.Ordinal));
        var (receipts, sends) = await SendHeldAsync(harness, 1);
        receipts.Add(await harness.SendAsync("in", "{\"n\":1}"));
        Assert.False(harness.HeldSink("out").HasWaitingSend);

        sends[0].Succeed();
        var second = await harness.HeldSink("out").NextSendAsync(Timeout);
        second.Succeed();
        await Task.WhenAll(receipts.Select(r => r.Delivered)).WaitAsync(Timeout);
        Assert.Equal(["{\"n\":1}"], second.Bodies);
    }

    /// <summary>Sends <paramref name="count"/> messages, each once the one before is in a send of its own, so every message is one batch, all held.</summary>
    private static async Task<(List<MessageReceipt> Receipts, List<HeldSend> Sends)> SendHeldAsync(EngineHarness harness, int count)
    {
        var (receipts, sends) = (new List<MessageReceipt>(), new List<HeldSend>());
        for (var i = 0; i < count; i++)
        {
            receipts.Add(await harness.SendAsync("in", $"{{\"n\":{i}}}"));
            var send = await harness.HeldSink("out").NextSendAsync(Timeout);
            Assert.Equal([$"{{\"n\":{i}}}"], send.Bodies);
            sends.Add(send);
        }

        return (receipts, sends);
    }

    private static async Task WaitForDepthAsync(EngineHarness harness, long depth)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (harness.Engine.QueueDepths().Single(d => d.Sink == "out").Depth != depth && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(depth, harness.Engine.QueueDepths().Single(d => d.Sink == "out").Depth);
    }
}
