using System.Net.Security;
using Gateway.Core.Routing;

namespace Gateway.Transports.Tcp;

/// <summary>
/// Sends every message as one frame over a persistent TCP connection to <see cref="TcpSinkOptions.Host"/>:
/// <see cref="TcpSinkOptions.Port"/>. It connects on the first send, and after a failure drops the connection and
/// connects again on the next attempt (the route engine retries). A send completes once the frame is written and
/// flushed to the socket: TCP has no acknowledgement from the application, so that is as far as a sink can know.
/// A batch is written frame after frame and flushed once.
/// </summary>
public sealed class TcpSink : IBatchMessageSink
{
    private readonly TcpSinkOptions _options;
    private readonly SinkContext _context;
    private readonly FrameEncoder _encoder;
    private readonly string _address;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SslClientAuthenticationOptions? _tls;
    private TcpSinkConnection? _connection;
    private bool _disposed;

    public TcpSink(TcpSinkOptions options, SinkContext context)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _encoder = new FrameEncoder(options);
        var host = options.Host.Contains(':', StringComparison.Ordinal) && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host;
        _address = $"{(options.Tls is null ? "tcp" : "tcp+tls")}://{host}:{options.Port}";
        _tls = options.Tls?.CreateAuthenticationOptions(options.Host.Trim('[', ']'));
    }

    public string Id => _context.Id;

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckFramable(message);
        return WriteAsync(
            static (connection, encoder, message, token) => connection.WriteAsync(encoder, message.Body, token),
            message,
            cancellationToken);
    }

    /// <summary>Writes every message as a frame, in order, and flushes once; throws when any frame cannot be sent.</summary>
    public ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            CheckFramable(message);
        }

        return WriteAsync(
            static (connection, encoder, messages, token) => connection.WriteAsync(encoder, messages, token),
            messages,
            cancellationToken);
    }

    private void CheckFramable(OutgoingMessage message)
    {
        if (_encoder.GetEncodingError(message.Body.Span) is { } error)
        {
            throw new SinkDeliveryException($"Sink {Id} cannot send message {message.Canonical.Id} with Framing {_options.Framing}: {error}", isTransient: false);
        }
    }

    private async ValueTask WriteAsync<TState>(
        Func<TcpSinkConnection, FrameEncoder, TState, CancellationToken, ValueTask> write,
        TState state,
        CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null && _connection.PeerClosed())
            {
                // Nothing of these messages was written yet, so a new connection loses nothing.
                TcpLog.SinkPeerClosed(_context.Logger, Id, _address);
                await DropConnectionAsync();
            }

            _connection ??= await ConnectAsync(cancellationToken);
            try
            {
                await write(_connection, _encoder, state, cancellationToken);
            }
            catch (Exception ex)
            {
                // A frame may be half written: the connection cannot carry another one.
                TcpLog.SinkSendFailed(_context.Logger, Id, _address, ex);
                await DropConnectionAsync();
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                throw new SinkDeliveryException($"Sink {Id} could not send to {_address}: {ex.Message}", isTransient: true, ex);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            _disposed = true;
            await DropConnectionAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TcpSinkConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await TcpSinkConnection.ConnectAsync(_options.Host, _options.Port ?? 0, _tls, _options.ConnectTimeout, cancellationToken);
            TcpLog.SinkConnected(_context.Logger, Id, _address);
            return connection;
        }
        catch (TimeoutException ex)
        {
            throw new SinkDeliveryException($"Sink {Id} could not connect to {_address}: {ex.Message}", isTransient: true, ex);
        }
        catch (System.Security.Authentication.AuthenticationException ex)
        {
            // A certificate the sink does not trust stays untrusted until someone changes it: still transient, as the
            // receiver may be fixed, but the reason is in the message.
            throw new SinkDeliveryException($"Sink {Id}: the TLS handshake with {_address} failed: {ex.Message}", isTransient: true, ex);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new SinkDeliveryException($"Sink {Id} could not connect to {_address}: {ex.Message} ({ex.SocketErrorCode}).", isTransient: true, ex);
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
