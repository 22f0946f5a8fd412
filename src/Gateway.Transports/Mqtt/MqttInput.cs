using Gateway.Core.Health;
using Gateway.Core.Routing;
using MQTTnet;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Subscribes to topics on an MQTT broker and hands every message to the routes. A QoS 1/2 message is acknowledged
/// to the broker only once it is committed to the route logs (from then on the gateway's buffer answers for it), so a
/// gateway that dies before that gets it again from its persistent session. Acknowledgements go out in the order the
/// messages came, while up to <see cref="MqttInputOptions.MaxInFlight"/> messages wait to be stored.
/// </summary>
public sealed class MqttInput : IMessageInput, IHealthReporter
{
    private readonly MqttInputOptions _options;
    private readonly InputContext _context;
    private readonly string _server;
    private readonly MqttClientOptions _clientOptions;
    private readonly IMqttClient _client;
    private volatile string? _lastError;
    private readonly MqttInputPump _pump;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _connectionLost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private Task? _pumping;
    private int _generation;

    public MqttInput(MqttInputOptions options, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _server = MqttServerAddress.TryParse(options.Server, out var address, out var error) ? address.ToString() : throw new ArgumentException(error, nameof(options));
        ClientId = string.IsNullOrEmpty(options.ClientId) ? MqttClientSetup.DefaultClientId("input", context.Id) : options.ClientId;
        var builder = MqttClientSetup.CreateBuilder(options, ClientId).WithCleanSession(options.CleanSession);
        if (options.ProtocolVersion == MqttProtocolVersion.V500)
        {
            builder.WithReceiveMaximum((ushort)options.MaxInFlight)
                .WithSessionExpiryInterval(options.CleanSession ? 0 : (uint)options.SessionExpiry.TotalSeconds);
        }

        _clientOptions = builder.Build();
        _client = new MqttClientFactory().CreateMqttClient();
        _pump = new MqttInputPump(context, options.MaxInFlight, () => Volatile.Read(ref _generation), () => _client.IsConnected);
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public string Id => _context.Id;

    /// <summary>How long <see cref="DisposeAsync"/> waits for acknowledgements still due before it disconnects.</summary>
    internal TimeSpan DisposeGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The MQTT client id in use (configured, or derived from the input id and the machine name).</summary>
    public string ClientId { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pumping ??= Task.Run(() => _pump.RunAsync(_stopping.Token), CancellationToken.None);
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking messages: those arriving from now on are not handed over nor acknowledged (the broker keeps them
    /// for the next session). The connection stays open until <see cref="DisposeAsync"/>, so messages already
    /// handed over are still acknowledged once they are stored.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loop ?? Task.CompletedTask, _pumping ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.PendingAcknowledgements.WaitAsync(DisposeGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Unacknowledged messages stay in the broker's session and come again after a restart.
        }

        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // Closing anyway; the broker treats it as a lost connection.
            }
        }

        await Task.WhenAll(_loop ?? Task.CompletedTask, _pumping ?? Task.CompletedTask).ConfigureAwait(false);
        _client.Dispose();
        _pump.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Up while connected and subscribed; Starting before the first connection; Down while reconnecting, with the last error.</summary>
    public ComponentHealth Health => _client.IsConnected
        ? ComponentHealth.Up($"subscribed at {_server}")
        : _lastError is { } error ? ComponentHealth.Down($"reconnecting to {_server}: {error}") : new ComponentHealth(ComponentState.Starting, $"connecting to {_server}");

    private async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                _connectionLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Interlocked.Increment(ref _generation);
                await _client.ConnectAsync(_clientOptions, stopping).ConfigureAwait(false);
                await SubscribeAsync(stopping).ConfigureAwait(false);
                attempt = 0;
                _lastError = null;
                MqttLog.InputListening(_context.Logger, Id, _server);
                await _connectionLost.Task.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                attempt++;
                _lastError = Describe(ex);
                var delay = MqttClientSetup.Backoff(_options.ReconnectDelay, _options.MaxReconnectDelay, attempt);
                MqttLog.InputConnectFailed(_context.Logger, Id, _server, attempt, Describe(ex), delay);
                await DropConnectionAsync().ConfigureAwait(false);
                try
                {
                    await Task.Delay(delay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _options.SubscribedFilters())
        {
            subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(_options.Qos.ToMqttNet()));
        }

        var result = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        var refused = result.Items
            .Where(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            .Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}")
            .ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException($"the broker refused the subscription ({string.Join(", ", refused)})");
        }
    }

    private async Task DropConnectionAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The next attempt starts from a fresh connection either way; the loop must never end on an error.
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            MqttLog.InputDisconnected(_context.Logger, Id, _server, e.Exception is { } ex ? Describe(ex) : e.Reason.ToString());
        }

        _connectionLost.TrySetResult();
        return Task.CompletedTask;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            await _pump.EnqueueAsync(e, Volatile.Read(ref _generation), _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: not acknowledged, the broker keeps the message for the next session.
        }
    }

    private static string Describe(Exception ex)
        => ex.InnerException is { } inner && ex.Message.Length < 40 ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
