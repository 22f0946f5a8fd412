using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Gateway.Core.Health;
using Gateway.Core.Routing;

namespace Gateway.Transports.Tcp;

/// <summary>
/// Listens on <see cref="TcpInputOptions.Host"/>:<see cref="TcpInputOptions.Port"/> and turns every frame of every
/// connection into one message in the input's format, with the metadata <c>remote</c> and <c>local</c> (endpoints).
/// A full route stops the reads of the connection it came from; a bad frame closes only its own connection.
/// </summary>
public sealed class TcpInput : IMessageInput, IHealthReporter
{
    /// <summary>How long <see cref="StopAsync"/> waits for connections to finish after closing them.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpInputOptions _options;
    private readonly InputContext _context;
    private readonly ConcurrentDictionary<TcpInputConnection, byte> _connections = new();
    private readonly Dictionary<IPAddress, int> _perClient = [];
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Timer? _idleSweep;
    private SslServerAuthenticationOptions? _tls;
    private volatile string _address = string.Empty;

    public TcpInput(TcpInputOptions options, InputContext context)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    public string Id => _context.Id;

    public bool Listens => true;

    /// <summary>The endpoint the input listens on once started (the real port when <c>Port</c> is 0).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>How many connections are open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Up with its address and open connections while it accepts; Starting before; Down once stopped or if accepting failed.</summary>
    public ComponentHealth Health => _listener is null ? new ComponentHealth(ComponentState.Starting, "not listening yet")
        : _stopping.IsCancellationRequested ? ComponentHealth.Down("stopped")
        : _acceptLoop is { IsCompleted: true } ? ComponentHealth.Down($"no longer accepting connections on {_address}")
        : ComponentHealth.Up($"listening on {_address}, {_connections.Count} connection(s)");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null || _stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Input {Id} was already started.");
        }

        if (!TcpInputOptions.TryParseHost(_options.Host, out var address))
        {
            throw new InvalidOperationException($"Input {Id}: Host '{_options.Host}' is not an IP address.");
        }

        // Loaded before binding, so that a certificate that cannot be read stops the start with its reason.
        _tls = _options.Tls?.CreateAuthenticationOptions();
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true; // "::" takes IPv4 clients too.
            }

            listener.Bind(new IPEndPoint(address, _options.Port ?? 0));
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new IOException(
                $"Input {Id} cannot listen on tcp://{new IPEndPoint(address, _options.Port ?? 0)}: {ex.Message} ({ex.SocketErrorCode}).", ex);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _address = $"{(_tls is null ? "tcp" : "tcp+tls")}://{LocalEndPoint}";
        TcpLog.Listening(_context.Logger, Id, _address);
        if (_options.IdleTimeout > TimeSpan.Zero)
        {
            // A sweep rather than a timer per read: the read path stays free of timer updates.
            var period = TimeSpan.FromTicks(Math.Max(_options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50));
            _idleSweep = new Timer(_ => CloseIdleConnections(), null, period, period);
        }

        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        // Stop accepting first, then close every connection: a read or a dispatch in progress ends with the token.
        await _stopping.CancelAsync();
        if (_idleSweep is not null)
        {
            await _idleSweep.DisposeAsync();
        }

        _listener.Dispose();
        await _acceptLoop;
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }

        var open = _connections.Keys.Select(c => c.Completion).ToArray();
        try
        {
            await Task.WhenAll(open).WaitAsync(StopTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            TcpLog.StopTimedOut(_context.Logger, Id, _connections.Count, StopTimeout);
        }

        TcpLog.Stopped(_context.Logger, Id, _address);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, or a connection reset before it was accepted: keep listening, a little later.
                TcpLog.AcceptFailed(_context.Logger, Id, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                continue;
            }

            if (_connections.Count >= _options.MaxConnections)
            {
                TcpLog.TooManyConnections(_context.Logger, Id, client.RemoteEndPoint, _options.MaxConnections);
                client.Dispose();
                continue;
            }

            var clientAddress = ClientAddress(client);
            if (!TryTakeClientSlot(clientAddress))
            {
                TcpLog.TooManyClientConnections(_context.Logger, Id, client.RemoteEndPoint, _options.MaxConnectionsPerClient);
                client.Dispose();
                continue;
            }

            var connection = new TcpInputConnection(client, _options, _context, _tls);
            _connections[connection] = 0;
            connection.Start(
                closed =>
                {
                    _connections.TryRemove(closed, out _);
                    ReleaseClientSlot(clientAddress);
                },
                cancellationToken);
        }
    }

    private static IPAddress ClientAddress(Socket client)
    {
        var address = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private bool TryTakeClientSlot(IPAddress address)
    {
        lock (_perClient)
        {
            var open = _perClient.GetValueOrDefault(address);
            if (open >= _options.MaxConnectionsPerClient)
            {
                return false;
            }

            _perClient[address] = open + 1;
            return true;
        }
    }

    private void ReleaseClientSlot(IPAddress address)
    {
        lock (_perClient)
        {
            var open = _perClient.GetValueOrDefault(address) - 1;
            if (open > 0)
            {
                _perClient[address] = open;
            }
            else
            {
                _perClient.Remove(address);
            }
        }
    }

    private void CloseIdleConnections()
    {
        var now = Environment.TickCount64;
        foreach (var connection in _connections.Keys)
        {
            connection.CloseIfIdle(now, _options.IdleTimeout);
        }
    }
}
