using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Authentication;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Transports.Tcp;

/// <summary>
/// One accepted connection of a <see cref="TcpInput"/>: reads the socket through a pipe, cuts frames and hands all the
/// frames of a read to the dispatcher as one batch before reading on, so a full route stops the reads (and TCP flow
/// control stops the client).
/// </summary>
internal sealed class TcpInputConnection
{
    private const int ReadBufferBytes = 32 * 1024;

    /// <summary>How many reads (of up to <see cref="ReadBufferBytes"/> each) may wait for their commit at once.</summary>
    private const int UnstoredReads = 4;

    /// <summary>How long a client may take to complete the TLS handshake.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly InputContext _context;
    private readonly SslServerAuthenticationOptions? _tls;
    private readonly string _format;
    private readonly MetadataDictionary _metadata;
    private readonly List<Message> _frames = [];
    private readonly FrameDecoder _decoder;

    // When the connection began to wait for bytes (Environment.TickCount64), 0 while it is not waiting.
    private long _waitingSince;
    private volatile bool _closedIdle;

    public TcpInputConnection(Socket socket, TcpInputOptions options, InputContext context, SslServerAuthenticationOptions? tls)
    {
        _socket = socket;
        _context = context;
        _tls = tls;
        _format = context.Format ?? FormatNames.Json;
        _decoder = new FrameDecoder(options, options.MaxFrameBytes);
        RemoteEndPoint = socket.RemoteEndPoint;

        // Every message of the connection shares these (copied only by a step that changes them).
        _metadata = new MetadataDictionary
        {
            ["remote"] = RemoteEndPoint?.ToString() ?? string.Empty,
            ["local"] = socket.LocalEndPoint?.ToString() ?? string.Empty,
        };
    }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Completes when the connection is closed and its socket disposed; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(Action<TcpInputConnection> closed, CancellationToken cancellationToken) =>
        Completion = Task.Run(
            async () =>
            {
                try
                {
                    await RunAsync(cancellationToken);
                }
                finally
                {
                    closed(this);
                }
            },
            CancellationToken.None);

    /// <summary>Closes the socket at once (used when stopping), which ends a read in progress.</summary>
    public void Abort() => _socket.Dispose();

    /// <summary>Closes the connection when it has been waiting for bytes for <paramref name="timeout"/> or longer.</summary>
    public void CloseIfIdle(long now, TimeSpan timeout)
    {
        var since = Volatile.Read(ref _waitingSince);
        if (since != 0 && now - since >= (long)timeout.TotalMilliseconds)
        {
            _closedIdle = true;
            Abort();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = _context.Logger;
        TcpLog.ConnectionOpened(logger, _context.Id, RemoteEndPoint);
        Stream stream = new NetworkStream(_socket, ownsSocket: false);
        PipeReader? reader = null;
        long frames = 0;
        Task? uncommitted = null; // the commit of the frames of this read
        var unstored = new Queue<Task>(UnstoredReads); // the commits of the reads before, oldest first
        try
        {
            if (_tls is not null)
            {
                stream = await HandshakeAsync(stream, _tls, cancellationToken);
            }

            reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferBytes, leaveOpen: true, useZeroByteReads: true));
            while (true)
            {
                Volatile.Write(ref _waitingSince, Environment.TickCount64);
                var result = await reader.ReadAsync(cancellationToken);
                Volatile.Write(ref _waitingSince, 0);
                var buffer = result.Buffer;
                var invalid = Cut(ref buffer, result.IsCompleted);
                if (_frames.Count > 0)
                {
                    // The reader advances only after the dispatcher took the frames: push back reaches the socket.
                    frames += _frames.Count;
                    uncommitted = await _context.Dispatcher.DispatchBatchAsync(_frames, cancellationToken);
                    _frames.Clear();
                }

                invalid?.Throw(); // after the frames before it were dispatched

                if (result.IsCompleted)
                {
                    // The peer half-closed: our side closes only once everything it sent is stored, so a sender
                    // that waits for our close knows its frames are safe.
                    await Task.WhenAll([.. unstored, uncommitted ?? Task.CompletedTask]);
                    break;
                }

                // TCP has no acknowledgement of its own: the gateway reads at most a few reads ahead of what is stored.
                // Their commits run while the next reads are converted, so the disk and the CPU work at the same time,
                // and reads that arrive during one commit share the next (one fsync for all of them).
                if (uncommitted is not null)
                {
                    unstored.Enqueue(uncommitted);
                    uncommitted = null;
                }

                while (unstored.Count >= UnstoredReads || (unstored.Count > 0 && unstored.Peek().IsCompleted))
                {
                    await unstored.Dequeue();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (InvalidFrameException ex)
        {
            TcpLog.InvalidFrame(logger, _context.Id, RemoteEndPoint, ex.Message);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the token or the disposed socket ended a read or a dispatch.
        }
        catch (Exception) when (_closedIdle)
        {
            TcpLog.IdleConnectionClosed(logger, _context.Id, RemoteEndPoint);
        }
        catch (AuthenticationException ex)
        {
            TcpLog.HandshakeFailed(logger, _context.Id, RemoteEndPoint, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            TcpLog.ConnectionFailed(logger, _context.Id, RemoteEndPoint, ex.Message);
        }
#pragma warning disable CA1031 // A connection must never take the input down; whatever failed is logged and the connection closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            TcpLog.DispatchFailed(logger, _context.Id, RemoteEndPoint, ex);
        }
        finally
        {
            if (reader is not null)
            {
                await reader.CompleteAsync();
            }

            await stream.DisposeAsync();
            _socket.Dispose();
            TcpLog.ConnectionClosed(logger, _context.Id, RemoteEndPoint, frames);
        }
    }

    /// <summary>Runs the TLS handshake within <see cref="HandshakeTimeout"/>; the connection's metadata gains the client certificate's subject.</summary>
    private async Task<Stream> HandshakeAsync(Stream stream, SslServerAuthenticationOptions tls, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(tls, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync();
            throw new AuthenticationException($"no TLS handshake within {HandshakeTimeout}.");
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        if (ssl.RemoteCertificate is { } certificate)
        {
            _metadata["clientCertificate"] = certificate.Subject;
        }

        return ssl;
    }

    /// <summary>
    /// Cuts the frames of <paramref name="buffer"/> into the batch (with the last, unterminated one when the peer
    /// closed); an invalid frame ends the cut and is given back, to be thrown once the frames before it are dispatched.
    /// </summary>
    private ExceptionDispatchInfo? Cut(ref ReadOnlySequence<byte> buffer, bool completed)
    {
        try
        {
            while (_decoder.TryReadFrame(ref buffer, out var frame))
            {
                Add(frame);
            }

            if (completed)
            {
                if (_decoder.TryReadLastFrame(buffer, out var last))
                {
                    Add(last);
                }
                else if (!buffer.IsEmpty)
                {
                    TcpLog.PartialFrameDropped(_context.Logger, _context.Id, RemoteEndPoint, buffer.Length);
                }
            }

            return null;
        }
        catch (InvalidFrameException ex)
        {
            return ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <summary>Adds one frame to the batch of this read.</summary>
    private void Add(ReadOnlySequence<byte> frame)
    {
        // The pipe's buffers are reused after AdvanceTo, and the message outlives this read: copy the frame out.
        _frames.Add(new Message(frame.ToArray(), _format, _context.Id) { Metadata = _metadata });
    }
}
