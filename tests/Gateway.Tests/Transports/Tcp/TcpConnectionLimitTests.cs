using System.Net;
using System.Net.Sockets;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Transports.Tcp.FrameTest;
using static Gateway.Tests.Transports.Tcp.TcpTestHost;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>Idle connections are closed and one client address cannot take every connection slot.</summary>
public class TcpConnectionLimitTests
{
    [Fact]
    public async Task A_connection_that_sends_nothing_for_IdleTimeout_is_closed_and_one_that_sends_stays()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        var options = FramingOptions(Framing.NewLine);
        options.IdleTimeout = TimeSpan.FromMilliseconds(300);
        await using var input = await StartInputAsync(options, dispatcher, logger);
        using var idle = await ConnectAsync(input.LocalEndPoint!);
        using var busy = await ConnectAsync(input.LocalEndPoint!);

        var closing = AssertClosedByPeerAsync(idle);
        for (var i = 0; i < 8 && !closing.IsCompleted; i++)
        {
            await SendAsync(busy, Bytes($"{i}\n"));
            await dispatcher.NextAsync(NetworkTimeout);
            await Task.Delay(100); // the pace of a client that keeps talking, shorter than IdleTimeout
        }

        await closing;
        await logger.WaitForAsync(LogLevel.Debug, NetworkTimeout, "Input tcp-in closed the connection from", idle.LocalEndPoint!.ToString()!, "nothing received for IdleTimeout");
        await SendAsync(busy, Bytes("still here\n"));
        Assert.Equal("still here", System.Text.Encoding.UTF8.GetString((await dispatcher.NextAsync(NetworkTimeout)).Body.Span));
    }

    [Fact]
    public async Task A_thousand_idle_connections_from_one_address_do_not_lock_out_another_client()
    {
        var dispatcher = new FakeDispatcher();
        var logger = new RecordingLogger();
        var options = FramingOptions(Framing.NewLine);
        options.MaxConnectionsPerClient = 50;
        await using var input = await StartInputAsync(options, dispatcher, logger);
        var hoard = new List<Socket>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                hoard.Add(await ConnectAsync(input.LocalEndPoint!));
            }

            // The 51st and later connections from 127.0.0.1 are closed as soon as they are accepted.
            await AssertClosedByPeerAsync(hoard[^1]);
            await logger.WaitForAsync(LogLevel.Warning, NetworkTimeout, "refused a connection from 127.0.0.1:", "50 connections (MaxConnectionsPerClient)");

            // Another address of the loopback network (all of 127.0.0.0/8 is this machine on Linux) still gets in.
            using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            other.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
            await other.ConnectAsync(input.LocalEndPoint!).WaitAsync(NetworkTimeout);
            await SendAsync(other, Bytes("served\n"));

            var message = await dispatcher.NextAsync(NetworkTimeout);
            Assert.Equal("served", System.Text.Encoding.UTF8.GetString(message.Body.Span));
            Assert.StartsWith("127.0.0.2:", message.Metadata["remote"], StringComparison.Ordinal);
            Assert.Equal(51, input.ConnectionCount);
        }
        finally
        {
            hoard.ForEach(s => s.Dispose());
        }
    }
}
