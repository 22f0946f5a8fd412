using System.Net;
using System.Net.Sockets;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The TCP input on loopback: its log line, messages and metadata, every framing, limits and stopping.</summary>
public class TcpInputTests
{
    [Fact]
    public async Task Logs_the_bound_address_and_dispatches_one_message_per_line_with_endpoints_as_metadata()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(FramingOptions(Framing.NewLine), dispatcher, logger, format: "Csv");
        var port = input.LocalEndPoint!.Port;

        Assert.NotEqual(0, port);
        Assert.Contains((LogLevel.Information, $"Input tcp-in listening on tcp://127.0.0.1:{port}"), logger.Entries);
        using var client = await ConnectAsync(input.LocalEndPoint);
        await SendAsync(client, Bytes("a,b\r\n1,2\n\nlast"));
        client.Shutdown(SocketShutdown.Send);

        var messages = new[] { await dispatcher.NextAsync(NetworkTimeout), await dispatcher.NextAsync(NetworkTimeout), await dispatcher.NextAsync(NetworkTimeout) };
        Assert.Equal(["a,b", "1,2", "last"], messages.Select(m => System.Text.Encoding.UTF8.GetString(m.Body.Span)));
        Assert.All(messages, m =>
        {
            Assert.Equal("Csv", m.Format);
            Assert.Equal("tcp-in", m.InputId);
            Assert.Equal(client.LocalEndPoint!.ToString(), m.Metadata["remote"]);
            Assert.Equal($"127.0.0.1:{port}", m.Metadata["local"]);
        });
    }

    [Theory]
    [InlineData(Framing.NewLine)]
    [InlineData(Framing.Delimiter)]
    [InlineData(Framing.LengthPrefix)]
    [InlineData(Framing.OctetCounting)]
    public async Task Every_framing_gives_one_json_message_per_frame(Framing framing)
    {
        var dispatcher = new FakeDispatcher();
        var options = FramingOptions(framing, @"\x1E", prefixBytes: 2, endian: Endianness.Little);
        await using var input = await StartInputAsync(options, dispatcher, new RecordingLogger());
        using var client = await ConnectAsync(input.LocalEndPoint!);
        string[] bodies = ["{\"n\":1}", "[1,2,3]", new string('x', 5000)];

        await SendAsync(client, Encode(options, bodies.Select(Bytes)));

        foreach (var body in bodies)
        {
            var message = await dispatcher.NextAsync(NetworkTimeout);
            Assert.Equal(body, System.Text.Encoding.UTF8.GetString(message.Body.Span));
            Assert.Equal("Json", message.Format);
        }
    }

    [Fact]
    public async Task An_oversized_frame_closes_only_its_own_connection()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(FramingOptions(Framing.NewLine, maxFrameBytes: 16), dispatcher, logger);
        using var bad = await ConnectAsync(input.LocalEndPoint!);
        using var good = await ConnectAsync(input.LocalEndPoint!);
        await SendAsync(good, Bytes("before\n"));
        Assert.Equal(["before"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));

        await SendAsync(bad, Bytes("ok\n" + new string('x', 100)));
        await AssertClosedByPeerAsync(bad);

        await logger.WaitForAsync(LogLevel.Warning, NetworkTimeout, "Input tcp-in closed the connection from", bad.LocalEndPoint!.ToString()!, "MaxFrameBytes (16)");
        await SendAsync(good, Bytes("after\n"));
        Assert.Equal(["ok", "after"], await dispatcher.NextBodiesAsync(2, NetworkTimeout));
    }

    [Fact]
    public async Task A_malformed_octet_count_closes_the_connection_with_a_warning()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(FramingOptions(Framing.OctetCounting), dispatcher, logger);
        using var client = await ConnectAsync(input.LocalEndPoint!);

        await SendAsync(client, Bytes("3 abc05 hello"));

        await AssertClosedByPeerAsync(client);
        await logger.WaitForAsync(LogLevel.Warning, NetworkTimeout, "tcp-in", client.LocalEndPoint!.ToString()!, "malformed octet count: '0'");
        Assert.Equal(["abc"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));
        Assert.False(dispatcher.HasMore);
    }

    [Fact]
    public async Task A_frame_cut_short_by_the_end_of_the_connection_is_dropped_with_a_warning()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        await using var input = await StartInputAsync(FramingOptions(Framing.LengthPrefix), dispatcher, logger);
        using var client = await ConnectAsync(input.LocalEndPoint!);

        await SendAsync(client, [0, 0, 0, 1, (byte)'a', 0, 0, 0, 10, (byte)'b', (byte)'c']);
        client.Shutdown(SocketShutdown.Send);

        await logger.WaitForAsync(LogLevel.Warning, NetworkTimeout, "tcp-in", "closed in the middle of a frame; 6 bytes dropped");
        Assert.Equal(["a"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));
        Assert.False(dispatcher.HasMore);
    }

    [Fact]
    public async Task Connections_beyond_MaxConnections_are_closed_with_a_log_line()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        var options = FramingOptions(Framing.NewLine);
        options.MaxConnections = 1;
        await using var input = await StartInputAsync(options, dispatcher, logger);
        using var first = await ConnectAsync(input.LocalEndPoint!);
        await SendAsync(first, Bytes("one\n"));
        Assert.Equal(["one"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));

        using var second = await ConnectAsync(input.LocalEndPoint!);
        await AssertClosedByPeerAsync(second);

        await logger.WaitForAsync(LogLevel.Warning, NetworkTimeout, "Input tcp-in refused a connection from", second.LocalEndPoint!.ToString()!, "1 connections");
        await SendAsync(first, Bytes("two\n"));
        Assert.Equal(["two"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));
    }

    [IPv6LoopbackFact]
    public async Task Listens_on_IPv6_loopback()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        var options = FramingOptions(Framing.NewLine);
        options.Host = "::1";
        await using var input = await StartInputAsync(options, dispatcher, logger);

        Assert.Equal(IPAddress.IPv6Loopback, input.LocalEndPoint!.Address);
        Assert.Contains((LogLevel.Information, $"Input tcp-in listening on tcp://[::1]:{input.LocalEndPoint.Port}"), logger.Entries);
        using var client = await ConnectAsync(input.LocalEndPoint);
        await SendAsync(client, Bytes("v6\n"));
        Assert.Equal(["v6"], await dispatcher.NextBodiesAsync(1, NetworkTimeout));
    }

    [Fact]
    public async Task Stop_closes_connections_and_the_port()
    {
        var dispatcher = new FakeDispatcher();
        var input = await StartInputAsync(FramingOptions(Framing.NewLine), dispatcher, new RecordingLogger());
        var endPoint = input.LocalEndPoint!;
        using var client = await ConnectAsync(endPoint);
        await SendAsync(client, Bytes("x\n"));
        await dispatcher.NextAsync(NetworkTimeout);

        await input.StopAsync(CancellationToken.None).WaitAsync(NetworkTimeout);

        await AssertClosedByPeerAsync(client);
        Assert.Equal(0, input.ConnectionCount);
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(endPoint));
        await input.DisposeAsync();
    }

    [Fact]
    public async Task A_port_in_use_fails_to_start_with_the_address_in_the_message()
    {
        await using var first = await StartInputAsync(FramingOptions(Framing.NewLine), new FakeDispatcher(), new RecordingLogger());
        var options = FramingOptions(Framing.NewLine);
        options.Port = first.LocalEndPoint!.Port;
        await using var second = new TcpInput(options, InputContext(new FakeDispatcher(), new RecordingLogger(), id: "second"));

        var error = await Assert.ThrowsAsync<IOException>(() => second.StartAsync(CancellationToken.None).WaitAsync(NetworkTimeout));

        Assert.StartsWith($"Input second cannot listen on tcp://127.0.0.1:{options.Port}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddressAlreadyInUse", error.Message, StringComparison.Ordinal);
    }
}
