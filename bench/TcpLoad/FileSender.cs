using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench.TcpLoad;

/// <summary>Sends a file, read into memory first, over one TCP connection as fast as the receiver takes it.</summary>
internal static class FileSender
{
    public static async Task<int> RunAsync(CommandLine arguments)
    {
        var payload = await File.ReadAllBytesAsync(arguments.Text("input"));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, (int)arguments.Number("port")));
        Console.WriteLine($"start {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        const int chunk = 1 << 16;
        for (var offset = 0; offset < payload.Length; offset += chunk)
        {
            await socket.SendAsync(payload.AsMemory(offset, Math.Min(chunk, payload.Length - offset)), SocketFlags.None);
        }

        socket.Shutdown(SocketShutdown.Send);
        Console.WriteLine($"sent {payload.Length} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        return 0;
    }
}
