using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Gateway.Core.Health;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;
using MQTTnet.Server;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// The embedded MQTT broker: MQTTnet's server fed by its ASP.NET Core connection handler over a listener of its own
/// (Kestrel's socket transport, not the web host's endpoints). Every connection's input goes through
/// <see cref="MqttPacketSizeGuardReader"/>, so MQTTnet never reads a packet whose header announces more than
/// <see cref="MqttBrokerOptions.MaxPacketSize"/> bytes (it would allocate the announced size up front).
/// </summary>
public sealed class MqttBrokerService : IHostedService, IAsyncDisposable, IHealthReporter
{
    private readonly MqttBrokerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Lock _stopLock = new();
    private IConnectionListener? _listener;
    private IConnectionListener? _tlsListener;
    private SslServerAuthenticationOptions? _tls;
    private MqttServer? _server;
    private MqttBrokerPolicy? _policy;
    private MqttConnectionHandler? _handler;
    private Task? _acceptLoop;
    private Task? _tlsAcceptLoop;
    private Task? _stop;
    private int _disposed;

    public MqttBrokerService(IOptions<MqttBrokerOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<MqttBrokerService>();
    }

    /// <summary>The bound endpoint (the real port when <c>Port</c> is 0); null until started or when disabled.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The bound endpoint of the TLS listener; null until started or without <c>Tls</c>.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>The MQTTnet server, for inspection (sessions, clients); null until started or when disabled.</summary>
    public MqttServer? Server => _server;

    /// <summary>False when <c>Gateway:MqttBroker:Enabled</c> is off (the broker is then not a component).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Up with its address once it listens; Starting before; Down once stopped.</summary>
    public ComponentHealth Health => EndPoint is not { } endpoint
        ? new ComponentHealth(ComponentState.Starting, "not listening yet")
        : _stopping.IsCancellationRequested ? ComponentHealth.Down("stopped") : ComponentHealth.Up($"listening on mqtt://{endpoint}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _handler = new MqttConnectionHandler();
        var serverOptions = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .WithDefaultCommunicationTimeout(_options.CommunicationTimeout)
            .Build();
        serverOptions.WriterBufferSizeMax = Math.Max(serverOptions.WriterBufferSize, _options.MaxPacketSize);
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [_handler]);
        _server.ValidatingConnectionAsync += AssignClientIdentifier;
        _policy = new MqttBrokerPolicy(_options, _logger);
        _policy.Attach(_server);
        _tls = _options.Tls?.CreateAuthenticationOptions();
        await _server.StartAsync().ConfigureAwait(false);

        // Room for one whole packet plus what follows it: the guard bounds every packet, so this bounds the buffer.
        var transportOptions = new SocketTransportOptions { MaxReadBufferSize = _options.MaxPacketSize + (64 * 1024) };
        var factory = new SocketTransportFactory(Options.Create(transportOptions), _loggerFactory);
        _listener = await BindAsync(factory, _options.Port, "Port", cancellationToken).ConfigureAwait(false);
        if (_tls is not null)
        {
            try
            {
                _tlsListener = await BindAsync(factory, _options.TlsPort, "TlsPort", cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await _listener.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            TlsEndPoint = (IPEndPoint)_tlsListener.EndPoint;
            MqttLog.BrokerListeningTls(_logger, TlsEndPoint);
            _tlsAcceptLoop = AcceptLoopAsync(_tlsListener, _handler, _tls);
        }

        EndPoint = (IPEndPoint)_listener.EndPoint;
        MqttLog.BrokerListening(_logger, EndPoint);
        _acceptLoop = AcceptLoopAsync(_listener, _handler, tls: null);
    }

    private async Task<IConnectionListener> BindAsync(SocketTransportFactory factory, int port, string setting, CancellationToken cancellationToken)
    {
        var endpoint = new IPEndPoint(_options.Address, port);
        try
        {
            return await factory.BindAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await _server!.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            throw new IOException(
                $"The MQTT broker cannot listen on {endpoint}: {ex.Message}. Free the port, or change Gateway:MqttBroker:{setting} (0 = any free port) or set Gateway:MqttBroker:Enabled to false.", ex);
        }
    }

    /// <summary>Stops once: the host and disposal may both call it, even at the same time; every caller waits for the same stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not { } listener)
        {
            return Task.CompletedTask;
        }

        lock (_stopLock)
        {
            return _stop ??= StopOnceAsync(listener, cancellationToken);
        }
    }

    private async Task StopOnceAsync(IConnectionListener listener, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await listener.UnbindAsync(cancellationToken).ConfigureAwait(false);
        if (_tlsListener is not null)
        {
            await _tlsListener.UnbindAsync(cancellationToken).ConfigureAwait(false);
        }
        if (_server is not null)
        {
            await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        }

        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running.Append(_acceptLoop ?? Task.CompletedTask).Append(_tlsAcceptLoop ?? Task.CompletedTask)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The host may stop the broker while the application's own disposal runs (WebApplicationFactory does).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_tlsListener is not null)
        {
            await _tlsListener.DisposeAsync().ConfigureAwait(false);
        }

        _server?.Dispose();
        _policy?.Dispose();
        _handler?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(IConnectionListener listener, MqttConnectionHandler handler, SslServerAuthenticationOptions? tls)
    {
        try
        {
            while (await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false) is { } connection)
            {
                var task = Task.Run(() => HandleConnectionAsync(connection, handler, tls));
                lock (_connections)
                {
                    _connections.RemoveAll(t => t.IsCompleted);
                    _connections.Add(task);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            MqttLog.BrokerAcceptFailed(_logger, ex);
        }
    }

    private async Task HandleConnectionAsync(ConnectionContext connection, MqttConnectionHandler handler, SslServerAuthenticationOptions? tls)
    {
        var remote = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
        SslStream? ssl = null;
        try
        {
            if (tls is not null)
            {
                ssl = await MqttBrokerTls.AuthenticateAsync(connection, tls, _options.CommunicationTimeout, _stopping.Token).ConfigureAwait(false);
            }

            var transport = connection.Transport;
            var guard = new MqttPacketSizeGuardReader(transport.Input, _options.MaxPacketSize, reason =>
            {
                MqttLog.BrokerPacketRejected(_logger, remote, reason);
                connection.Abort(new ConnectionAbortedException(reason));
            });
            connection.Transport = new MqttBrokerTls.DuplexPipe(guard, transport.Output);
            await handler.OnConnectedAsync(connection).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            MqttLog.BrokerHandshakeFailed(_logger, remote, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex)
        {
            MqttLog.BrokerConnectionFailed(_logger, ex, remote);
        }
        finally
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Clients may connect without a client id (<c>mosquitto_pub</c> does by default): MQTT 3.1.1 allows it with a
    /// clean session and MQTT 5 lets the broker assign one. MQTTnet refuses them unless an id is assigned here.
    /// </summary>
    private static Task AssignClientIdentifier(ValidatingConnectionEventArgs args)
    {
        if (!string.IsNullOrEmpty(args.ClientId))
        {
            return Task.CompletedTask;
        }

        if (args.CleanSession != true && args.ProtocolVersion != MQTTnet.Formatter.MqttProtocolVersion.V500)
        {
            args.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.ClientIdentifierNotValid;
            return Task.CompletedTask;
        }

        args.AssignedClientIdentifier = "gateway-assigned-" + Guid.NewGuid().ToString("N");
        return Task.CompletedTask;
    }
}
