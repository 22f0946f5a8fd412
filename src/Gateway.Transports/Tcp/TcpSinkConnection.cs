using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using Gateway.Core.Routing;

namespace Gateway.Transports.Tcp;

/// <summary>The open connection of a <see cref="TcpSink"/>: a socket and a pipe writer over it.</summary>
internal sealed class TcpSinkConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeWriter _writer;

    private TcpSinkConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>
    /// Connects to <paramref name="host"/> (and runs the TLS handshake when <paramref name="tls"/> is given); throws
    /// <see cref="TimeoutException"/> when both together take longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<TcpSinkConnection> ConnectAsync(
        string host, int port, SslClientAuthenticationOptions? tls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // An IPv6 socket in dual mode reaches IPv4 and IPv6 addresses, whatever the host name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, timeoutSource.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls, timeoutSource.Token);
            }

            return new TcpSinkConnection(socket, stream);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(stream, socket);
            throw new TimeoutException($"no connection within {timeout}.");
        }
        catch
        {
            await DisposeAsync(stream, socket);
            throw;
        }
    }

    private static async ValueTask DisposeAsync(Stream? stream, Socket socket)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        socket.Dispose();
    }

    /// <summary>
    /// Whether the peer closed its side (or reset the connection). A write to such a socket can still succeed once,
    /// into the local buffer, and the bytes would be lost: so this is asked before every write. Bytes the peer sent
    /// (the sink expects none) are read and dropped on the way.
    /// </summary>
    public bool PeerClosed()
    {
        try
        {
            Span<byte> scratch = stackalloc byte[512];
            for (var drained = 0; drained < 64 && _socket.Poll(0, SelectMode.SelectRead); drained++)
            {
                // Readable with nothing to read is the end of the stream (FIN) or an error (RST).
                if (_socket.Available == 0 || _socket.Receive(scratch, SocketFlags.None) == 0)
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Writes one frame and returns once it is flushed to the socket.</summary>
    public async ValueTask WriteAsync(FrameEncoder encoder, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        encoder.Write(body.Span, _writer);
        var result = await _writer.FlushAsync(cancellationToken);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The write was canceled.", cancellationToken);
        }
    }

    /// <summary>Writes every body as one frame, in order, and returns once they are all flushed to the socket.</summary>
    public async ValueTask WriteAsync(FrameEncoder encoder, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            encoder.Write(messages[i].Body.Span, _writer);
        }

        var result = await _writer.FlushAsync(cancellationToken);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The write was canceled.", cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writer.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Completing flushes what is left; on a broken connection there is nothing more to do.
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
    }
}
