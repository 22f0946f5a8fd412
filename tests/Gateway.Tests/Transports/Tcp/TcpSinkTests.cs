using System.Net.Sockets;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Transports.Tcp;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The TCP sink against a TCP input: every framing, a restarted server, a closed port, bodies it refuses.</summary>
public class TcpSinkTests
{
    [Theory]
    [InlineData(Framing.NewLine)]
    [InlineData(Framing.Delimiter)]
    [InlineData(Framing.LengthPrefix)]
    [InlineData(Framing.OctetCounting)]
    public async Task Messages_arrive_one_per_frame_over_one_connection(Framing framing)
    {
        var dispatcher = new FakeDispatcher();
        var inputOptions = FramingOptions(framing, @"\0", prefixBytes: 8, endian: Endianness.Little, includesSelf: true);
        await using var input = await StartInputAsync(inputOptions, dispatcher, new RecordingLogger());
        var logger = new RecordingLogger();
        await using var sink = new TcpSink(SinkOptions(inputOptions, input.LocalEndPoint!.Port), SinkContext(logger));
        string[] bodies = ["{\"a\":1}", "two", new string('z', 70_000)];

        foreach (var body in bodies)
        {
            await sink.SendAsync(Outgoing(body), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        }

        Assert.Equal(bodies, await dispatcher.NextBodiesAsync(bodies.Length, NetworkTimeout));
        Assert.Equal(1, input.ConnectionCount);
        Assert.Single(logger.Entries, e => e.Text == $"Sink tcp-out connected to tcp://127.0.0.1:{input.LocalEndPoint.Port}");
    }

    [Fact]
    public async Task After_the_server_restarts_the_next_message_goes_over_a_new_connection_and_is_not_lost()
    {
        var first = new FakeDispatcher();
        var options = FramingOptions(Framing.NewLine);
        var input = await StartInputAsync(options, first, new RecordingLogger());
        var port = input.LocalEndPoint!.Port;
        var logger = new RecordingLogger();
        await using var sink = new TcpSink(SinkOptions(options, port), SinkContext(logger));
        await sink.SendAsync(Outgoing("one"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        Assert.Equal(["one"], await first.NextBodiesAsync(1, NetworkTimeout));

        await input.StopAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
        await input.DisposeAsync();
        var second = new FakeDispatcher();
        var again = FramingOptions(Framing.NewLine);
        again.Port = port;
        await using var restarted = await StartInputAsync(again, second, new RecordingLogger());

        // The sink notices the closed connection before writing, so this send goes to the new server.
        await sink.SendAsync(Outgoing("two"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);

        Assert.Equal(["two"], await second.NextBodiesAsync(1, NetworkTimeout));
        Assert.Contains(logger.Entries, e => e.Text.Contains("closed the connection; reconnecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_send_while_the_server_is_down_fails_as_transient_and_succeeds_once_it_is_back()
    {
        var port = ClosedPort();
        var options = FramingOptions(Framing.LengthPrefix);
        await using var sink = new TcpSink(SinkOptions(options, port), SinkContext(new RecordingLogger()));

        var error = await Assert.ThrowsAsync<SinkDeliveryException>(() => sink.SendAsync(Outgoing("lost?"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout));

        Assert.True(error.IsTransient);
        Assert.Contains($"Sink tcp-out could not connect to tcp://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);
        var dispatcher = new FakeDispatcher();
        options.Port = port;
        await using var input = await StartInputAsync(options, dispatcher, new RecordingLogger());
        await sink.SendAsync(Outgoing("retried"), CancellationToken.None).AsTask().WaitAsync(NetworkTimeout);
        Assert.Equal(["retried"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));
    }

    [Theory]
    [InlineData(Framing.LengthPrefix, 300, "counts at most 255")]
    [InlineData(Framing.NewLine, 0, "empty")]
    public async Task A_body_the_framing_cannot_carry_is_refused_for_good_without_connecting(Framing framing, int length, string reason)
    {
        var options = FramingOptions(framing, prefixBytes: 1);
        await using var sink = new TcpSink(SinkOptions(options, ClosedPort()), SinkContext(new RecordingLogger()));

        var error = await Assert.ThrowsAsync<SinkDeliveryException>(() => sink.SendAsync(Outgoing(new string('a', length)), CancellationToken.None).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_sends_never_interleave_their_frames()
    {
        var dispatcher = new FakeDispatcher();
        var options = FramingOptions(Framing.OctetCounting);
        await using var input = await StartInputAsync(options, dispatcher, new RecordingLogger());
        await using var sink = new TcpSink(SinkOptions(options, input.LocalEndPoint!.Port), SinkContext(new RecordingLogger()));

        var senders = Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await sink.SendAsync(Outgoing($"{s}:{i}:{new string((char)('a' + s), 1000 * s)}"), CancellationToken.None);
            }
        }));
        await Task.WhenAll(senders).WaitAsync(NetworkTimeout);

        var bodies = await dispatcher.NextBodiesAsync(400, NetworkTimeout);
        var expected = Enumerable.Range(0, 8).SelectMany(s => Enumerable.Range(0, 50).Select(i => $"{s}:{i}:{new string((char)('a' + s), 1000 * s)}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
    }

    internal static TcpSinkOptions SinkOptions(TcpInputOptions framing, int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Framing = framing.Framing,
        FrameDelimiter = framing.FrameDelimiter,
        LengthPrefixBytes = framing.LengthPrefixBytes,
        LengthPrefixEndian = framing.LengthPrefixEndian,
        LengthPrefixIncludesSelf = framing.LengthPrefixIncludesSelf,
        ConnectTimeout = NetworkTimeout,
    };

    internal static OutgoingMessage Outgoing(string body) =>
        new(new Message(Bytes("{}"), FormatNames.Json, "tcp-in"), Bytes(body), FormatNames.Json);
}
