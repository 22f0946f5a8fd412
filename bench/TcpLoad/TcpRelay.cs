using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench.TcpLoad;

/// <summary>Relays every accepted connection byte for byte to a target port: the cost of moving bytes with no gateway.</summary>
internal static class TcpRelay
{
    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var target = new IPEndPoint(IPAddress.Loopback, (int)arguments.Number("to-port"));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        Console.WriteLine($"listening on {listener.LocalEndPoint}");
        while (true)
        {
            var incoming = await listener.AcceptAsync();
            _ = RelayAsync(incoming, target);
        }
    }

    private static async Task RelayAsync(Socket incoming, IPEndPoint target)
    {
        using (incoming)
        {
            using var outgoing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await outgoing.ConnectAsync(target);
            await using var from = new NetworkStream(incoming, ownsSocket: false);
            await using var to = new NetworkStream(outgoing, ownsSocket: false);
            await from.CopyToAsync(to, 1 << 16);
            outgoing.Shutdown(SocketShutdown.Send);
        }
    }
}
