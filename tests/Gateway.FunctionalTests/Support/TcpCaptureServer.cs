using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A TCP destination for gateway sinks on 127.0.0.1: accepts any number of connections and records the bytes they
/// send, in arrival order (bytes of concurrent connections interleave as they arrive). It can be stopped (listener
/// and connections closed) and started again on the same port.
/// </summary>
public sealed class TcpCaptureServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly MemoryStream received = new();
    private readonly List<Socket> connections = [];
    private readonly List<Task> readers = [];
    private readonly List<string> connectionLines = [];
    private Socket? listener;
    private CancellationTokenSource? stopping;
    private Task accepting = Task.CompletedTask;
    private int connectionsAccepted;
    private int unfinishedLines;

    private TcpCaptureServer()
    {
    }

    public int Port { get; private set; }

    /// <summary>How many connections were accepted since the first start.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref connectionsAccepted);

    /// <summary>A copy of every byte received so far (all connections, in arrival order).</summary>
    public byte[] Received
    {
        get
        {
            lock (gate)
            {
                return received.ToArray();
            }
        }
    }

    public string ReceivedText => Encoding.UTF8.GetString(Received);

    /// <summary>The complete <c>\n</c>-terminated lines received so far, without their terminator (nor a <c>\r</c> before it).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var text = ReceivedText;
            var end = text.LastIndexOf('\n');
            return end < 0 ? [] : [.. text[..end].Split('\n').Select(l => l.TrimEnd('\r'))];
        }
    }

    /// <summary>
    /// The complete <c>\n</c>-terminated lines, cut per connection (without the terminator nor a <c>\r</c> before it),
    /// in the order they were completed. Unlike <see cref="Lines"/>, a line that a closed connection left unfinished
    /// (a sender killed in the middle of a frame) is not joined to the next connection's bytes: it is counted in
    /// <see cref="UnfinishedLines"/> instead.
    /// </summary>
    public IReadOnlyList<string> ConnectionLines
    {
        get
        {
            lock (gate)
            {
                return [.. connectionLines];
            }
        }
    }

    /// <summary>How many connections ended in the middle of a line.</summary>
    public int UnfinishedLines => Volatile.Read(ref unfinishedLines);

    /// <summary>Starts a server on <paramref name="port"/> (0: a free one).</summary>
    public static TcpCaptureServer Start(int port = 0)
    {
        var server = new TcpCaptureServer { Port = port };
        server.Start();
        return server;
    }

    /// <summary>Starts (again) listening on <see cref="Port"/>.</summary>
    public void Start()
    {
        if (listener is not null)
        {
            return;
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        socket.Listen(64);
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        listener = socket;
        stopping = new CancellationTokenSource();
        accepting = AcceptAsync(socket, stopping.Token);
    }

    /// <summary>Closes the listener and every open connection: the destination is down.</summary>
    public async Task StopAsync()
    {
        if (listener is null)
        {
            return;
        }

        await stopping!.CancelAsync();
        listener.Dispose();
        listener = null;
        Task[] pending;
        lock (gate)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            connections.Clear();
            pending = [accepting, .. readers];
            readers.Clear();
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(Timeouts.Stop);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Expected: the sockets were closed under the pending operations.
        }

        stopping.Dispose();
        stopping = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> complete lines arrived and returns them all.</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, TimeSpan? timeout = null)
    {
        await Poll.UntilAsync(
            () => Lines.Count >= count,
            timeout ?? Timeouts.Delivery,
            () => $"the TCP capture server on port {Port} received {Lines.Count} of {count} lines: {Truncate(ReceivedText)}");
        return Lines;
    }

    /// <summary>Waits until the bytes received so far satisfy <paramref name="complete"/> and returns them.</summary>
    public async Task<byte[]> WaitForBytesAsync(Func<byte[], bool> complete, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(complete);
        await Poll.UntilAsync(
            () => complete(Received),
            timeout ?? Timeouts.Delivery,
            () => $"the TCP capture server on port {Port} has {Received.Length} bytes: {Truncate(ReceivedText)}");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        received.Dispose();
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "...";

    private async Task AcceptAsync(Socket socket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await socket.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref connectionsAccepted);
            lock (gate)
            {
                connections.Add(connection);
                readers.Add(ReadAsync(connection, cancellationToken));
            }
        }
    }

    private async Task ReadAsync(Socket connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var partLine = new List<byte>();
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                lock (gate)
                {
                    received.Write(buffer, 0, read);
                    CutLines(buffer.AsSpan(0, read), partLine);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer or StopAsync closed the connection.
        }
        finally
        {
            lock (gate)
            {
                connections.Remove(connection);
            }

            if (partLine.Count > 0)
            {
                Interlocked.Increment(ref unfinishedLines);
            }

            connection.Dispose();
        }
    }

    /// <summary>Appends the lines <paramref name="bytes"/> completes to <see cref="connectionLines"/>; keeps the rest in <paramref name="partLine"/>.</summary>
    private void CutLines(ReadOnlySpan<byte> bytes, List<byte> partLine)
    {
        int end;
        while ((end = bytes.IndexOf((byte)'\n')) >= 0)
        {
            partLine.AddRange(bytes[..end]);
            var length = partLine.Count > 0 && partLine[^1] == '\r' ? partLine.Count - 1 : partLine.Count;
            connectionLines.Add(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(partLine)[..length]));
            partLine.Clear();
            bytes = bytes[(end + 1)..];
        }

        partLine.AddRange(bytes);
    }
}
