using System.Net;
using System.Net.Sockets;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>Starts TCP inputs and sinks on loopback with a fake dispatcher and a recording logger; every wait is bounded.</summary>
internal static class TcpTestHost
{
    /// <summary>The longest any network step of a test may take.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    private static readonly IServiceProvider Services = new ServiceCollection().BuildServiceProvider();

    public static InputContext InputContext(FakeDispatcher dispatcher, RecordingLogger logger, string? format = null, string id = "tcp-in") =>
        new(id, $"Gateway:Inputs:{id}", format, new FormatOptions(), dispatcher, Services, logger);

    public static SinkContext SinkContext(RecordingLogger logger, string id = "tcp-out") =>
        new(id, $"Gateway:Sinks:{id}", "Json", new FormatOptions(), Services, logger);

    /// <summary>Starts an input on 127.0.0.1 (port 0 unless <paramref name="options"/> says otherwise).</summary>
    public static async Task<TcpInput> StartInputAsync(TcpInputOptions options, FakeDispatcher dispatcher, RecordingLogger logger, string? format = null)
    {
        options.Port ??= 0;
        var input = new TcpInput(options, InputContext(dispatcher, logger, format));
        await input.StartAsync(CancellationToken.None).WaitAsync(NetworkTimeout);
        return input;
    }

    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(endPoint).WaitAsync(NetworkTimeout);
        return client;
    }

    public static async Task SendAsync(Socket client, byte[] bytes)
    {
        using var cancel = new CancellationTokenSource(NetworkTimeout);
        await client.SendAsync(bytes, SocketFlags.None, cancel.Token);
    }

    /// <summary>Waits until the server closes <paramref name="client"/> (end of stream or reset); fails after <see cref="NetworkTimeout"/>.</summary>
    public static async Task AssertClosedByPeerAsync(Socket client)
    {
        using var cancel = new CancellationTokenSource(NetworkTimeout);
        var buffer = new byte[256];
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, cancel.Token) > 0)
            {
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            // A reset is a close too (the server closed with unread bytes in its buffer).
        }
    }

    /// <summary>A loopback port that nothing listens on (it was free a moment ago).</summary>
    public static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
