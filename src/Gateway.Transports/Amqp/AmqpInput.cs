using Gateway.Core.Health;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Transports.Acknowledgements;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Gateway.Transports.Amqp;

/// <summary>
/// Consumes an AMQP queue with manual acknowledgement: each message is acknowledged only once every sink of its routes
/// took it or dead-lettered it, so a gateway that dies (or a broker that restarts) leaves it in the queue, delivered
/// again to this or another consumer. At most <see cref="AmqpInputOptions.Prefetch"/> messages are unacknowledged.
/// After a lost connection the input connects, declares and consumes again; deliveries of the old channel are not
/// acknowledged (the broker has requeued them).
/// </summary>
public sealed class AmqpInput : IMessageInput, IHealthReporter
{
    private readonly AmqpInputOptions _options;
    private readonly InputContext _context;
    private readonly ConnectionFactory _factory;
    private readonly string _url;
    private readonly DeliveredAcknowledgementPump<AmqpDelivery> _pump;
    private volatile string? _lastError;
    private volatile IChannel? _channel;
    private IConnection? _connection;

    public AmqpInput(AmqpInputOptions options, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _url = options.DisplayUrl;
        _factory = options.CreateFactory($"gateway input {context.Id}");
        _pump = new DeliveredAcknowledgementPump<AmqpDelivery>(
            context,
            options.Prefetch,
            d => d.Message,
            AcknowledgeAsync,
            ex => AmqpLog.InputDispatchFailed(context.Logger, ex, context.Id));
    }

    public string Id => _context.Id;

    /// <summary>Up while consuming; Starting before the first connection; Down while reconnecting, with the last error.</summary>
    public ComponentHealth Health => _channel is { IsOpen: true }
        ? ComponentHealth.Up($"consuming {_options.Queue} at {_url}")
        : _lastError is { } error ? ComponentHealth.Down($"reconnecting to {_url}: {error}") : new ComponentHealth(ComponentState.Starting, $"connecting to {_url}");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pump.Start(RunAsync);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking messages; the connection stays open until <see cref="DisposeAsync"/>, so what was handed over is still acknowledged.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _pump.StopAsync(cancellationToken);

    /// <summary>Waits up to 5 seconds for the acknowledgements still due, then disconnects (the broker requeues what is left).</summary>
    public async ValueTask DisposeAsync()
    {
        await _pump.DisposeAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var closed = await ConsumeAsync(stopping).ConfigureAwait(false);
                attempt = 0;
                _lastError = null;
                AmqpLog.InputConsuming(_context.Logger, Id, _options.Queue!, _url);
                var reason = await closed.WaitAsync(stopping).ConfigureAwait(false);
                throw new InvalidOperationException(reason);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                attempt++;
                _lastError = ex.Message;
                var delay = ReconnectBackoff.Delay(_options.ReconnectDelay, attempt);
                AmqpLog.InputFailed(_context.Logger, Id, _url, attempt, ex.Message, delay);
                await CloseAsync().ConfigureAwait(false);
                if (!await ReconnectBackoff.WaitAsync(delay, stopping).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Connects, declares what is missing and starts consuming; the task given back completes with the reason when the channel closes.</summary>
    private async Task<Task<string>> ConsumeAsync(CancellationToken stopping)
    {
        _connection = await _factory.CreateConnectionAsync(stopping).ConfigureAwait(false);
        await AmqpTopology.EnsureQueueAsync(_connection, _options.Queue!, stopping).ConfigureAwait(false);
        if (_options.Exchange is { } exchange)
        {
            await AmqpTopology.EnsureExchangeAsync(_connection, exchange, stopping).ConfigureAwait(false);
        }

        var channel = await _connection.CreateChannelAsync(cancellationToken: stopping).ConfigureAwait(false);
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, e) =>
        {
            closed.TrySetResult($"{e.ReplyCode} {e.ReplyText}");
            return Task.CompletedTask;
        };
        if (_options.Exchange is { } bound)
        {
            await channel.QueueBindAsync(_options.Queue!, bound, _options.RoutingKey, cancellationToken: stopping).ConfigureAwait(false);
        }

        await channel.BasicQosAsync(0, (ushort)_options.Prefetch, global: false, stopping).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) => OnReceivedAsync(channel, e);
        await channel.BasicConsumeAsync(_options.Queue!, autoAck: false, consumer, stopping).ConfigureAwait(false);
        _channel = channel;
        return closed.Task;
    }

    private async Task OnReceivedAsync(IChannel channel, BasicDeliverEventArgs e)
    {
        var message = AmqpReceivedMessages.ToMessage(e.Exchange, e.RoutingKey, e.BasicProperties, e.Body, _context.Format ?? FormatNames.Json, Id);
        try
        {
            await _pump.EnqueueAsync(new AmqpDelivery(message, channel, e.DeliveryTag), _pump.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: not acknowledged, the broker requeues the message when the connection closes.
        }
    }

    private static async Task AcknowledgeAsync(IReadOnlyList<AmqpDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            // A delivery tag belongs to its channel; once that is closed, the broker has requeued the message.
            if (delivery.Channel.IsOpen)
            {
                await delivery.Channel.BasicAckAsync(delivery.Tag, multiple: false).ConfigureAwait(false);
            }
        }
    }

    private async Task CloseAsync()
    {
        _channel = null;
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await AmqpTopology.CloseQuietlyAsync(connection).ConfigureAwait(false);
        }
    }
}
