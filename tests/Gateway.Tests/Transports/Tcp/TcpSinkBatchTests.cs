using Gateway.Core.Routing;
using Gateway.Transports.Tcp;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpSinkTests;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The TCP sink's batch path: frames in order on the one connection, refusals before any byte is written.</summary>
public class TcpSinkBatchTests
{
    [Theory]
    [InlineData(Framing.NewLine)]
    [InlineData(Framing.Delimiter)]
    [InlineData(Framing.LengthPrefix)]
    [InlineData(Framing.OctetCounting)]
    public async Task A_batch_arrives_in_order_one_frame_per_message_between_single_sends(Framing framing)
    {
        var dispatcher = new FakeDispatcher();
        var inputOptions = FramingOptions(framing, "||", prefixBytes: 4, endian: Endianness.Big);
        await using var input = await StartInputAsync(inputOptions, dispatcher, new RecordingLogger());
        await using var sink = new TcpSink(SinkOptions(inputOptions, input.LocalEndPoint!.Port), SinkContext(new RecordingLogger()));
        var batch = Enumerable.Range(0, 300).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('x', i * 37 % 500)}\"}}").ToList();

        await sink.SendAsync(Outgoing("before"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        await sink.SendBatchAsync([.. batch.Select(Outgoing)], CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        await sink.SendAsync(Outgoing("after"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);

        Assert.Equal(["before", .. batch, "after"], await dispatcher.NextBodiesAsync(batch.Count + 2, NetworkTimeout));
        Assert.Equal(1, input.ConnectionCount);
    }

    [Fact]
    public async Task A_batch_holding_a_body_the_framing_cannot_carry_is_refused_for_good_before_any_frame_is_written()
    {
        var dispatcher = new FakeDispatcher();
        var options = FramingOptions(Framing.NewLine);
        await using var input = await StartInputAsync(options, dispatcher, new RecordingLogger());
        await using var sink = new TcpSink(SinkOptions(options, input.LocalEndPoint!.Port), SinkContext(new RecordingLogger()));

        var error = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => sink.SendBatchAsync([Outgoing("one"), Outgoing(string.Empty), Outgoing("three")], CancellationToken.None).AsTask().WaitAsync(NetworkTimeout));

        Assert.False(error.IsTransient);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);

        // The engine now sends them one by one: the first frame the server sees is the first message's retry, and the
        // marker sent after it comes right behind (the refused batch wrote nothing, not even "one").
        await sink.SendAsync(Outgoing("one"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        await sink.SendAsync(Outgoing("marker"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        Assert.Equal(["one", "marker"], await dispatcher.NextBodiesAsync(2, NetworkTimeout));
    }

    [Fact]
    public async Task A_batch_after_the_server_restarted_goes_over_a_new_connection_whole()
    {
        var options = FramingOptions(Framing.LengthPrefix);
        var input = await StartInputAsync(options, new FakeDispatcher(), new RecordingLogger());
        var port = input.LocalEndPoint!.Port;
        var logger = new RecordingLogger();
        await using var sink = new TcpSink(SinkOptions(options, port), SinkContext(logger));
        await sink.SendBatchAsync([Outgoing("a"), Outgoing("b")], CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        await input.StopAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
        await input.DisposeAsync();
        var second = new FakeDispatcher();
        var again = FramingOptions(Framing.LengthPrefix);
        again.Port = port;
        await using var restarted = await StartInputAsync(again, second, new RecordingLogger());

        await sink.SendBatchAsync([Outgoing("c"), Outgoing("d"), Outgoing("e")], CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);

        Assert.Equal(["c", "d", "e"], await second.NextBodiesAsync(3, NetworkTimeout));
        Assert.Contains(logger.Entries, e => e.Text.Contains("closed the connection; reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_while_the_server_is_down_fails_as_transient()
    {
        var port = ClosedPort();
        await using var sink = new TcpSink(SinkOptions(FramingOptions(Framing.NewLine), port), SinkContext(new RecordingLogger()));

        var error = await Assert.ThrowsAsync<SinkDeliveryException>(
            () => sink.SendBatchAsync([Outgoing("x"), Outgoing("y")], CancellationToken.None).AsTask().WaitAsync(NetworkTimeout));

        Assert.True(error.IsTransient);
        Assert.Contains($"could not connect to tcp://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
