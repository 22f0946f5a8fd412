using System.Net;
using System.Net.Sockets;

namespace Gateway.FunctionalTests.Support;

/// <summary>Finds a loopback TCP port nobody listens on, for programs that cannot be told to bind port 0.</summary>
public static class FreePort
{
    /// <summary>Binds port 0 on 127.0.0.1, reads the port the system chose and releases it.</summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
