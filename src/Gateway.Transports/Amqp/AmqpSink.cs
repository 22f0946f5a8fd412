using System.Text;
using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gateway.Transports.Amqp;

/// <summary>
/// Publishes each message to an exchange with a templated routing key, persistent and mandatory, on a channel with
/// publisher confirms: a send returns once the broker confirmed it, a batch with all its confirms outstanding at
/// once. The message id goes out as the AMQP <c>message-id</c>. Connects on the first send and again on the next send
/// after the connection was lost (the engine retries).
/// </summary>
public sealed class AmqpSink : IBatchMessageSink
{
    private readonly AmqpSinkOptions _options;
    private readonly SinkContext _context;
    private readonly MessageTemplate _routingKey;
    private readonly ConnectionFactory _factory;
    private readonly string _url;
    private readonly string? _contentType;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public AmqpSink(AmqpSinkOptions options, SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _routingKey = MessageTemplate.Parse(options.EffectiveRoutingKey);
        _url = options.DisplayUrl;
        _factory = options.CreateFactory($"gateway sink {context.Id}");
        var formats = context.Services.GetService<FormatRegistry>();
        _contentType = formats is not null && formats.TryGet(context.Format, out var format) && format.MediaTypes.Count > 0 ? format.MediaTypes[0] : null;
    }

    public ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendBatchAsync([message], cancellationToken);
    }

    /// <summary>Publishes every message in order, then waits for all the broker's confirms; throws when any was refused or returned.</summary>
    public async ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var keys = new string[messages.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _routingKey.Render(messages[i].Canonical, _routingKey.UsesRecord ? messages[i].Record : null);
            if (Encoding.UTF8.GetByteCount(keys[i]) > 255)
            {
                throw new SinkDeliveryException($"AMQP sink {_context.Id}: the routing key template '{_routingKey.Text}' gave a key longer than 255 bytes.", isTransient: false);
            }
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            var publishes = new Task[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                publishes[i] = channel.BasicPublishAsync(_options.Exchange, keys[i], mandatory: true, PropertiesOf(messages[i]), messages[i].Body, cancellationToken).AsTask();
            }

            await Task.WhenAll(publishes).ConfigureAwait(false);
        }
        catch (PublishReturnException ex)
        {
            throw new SinkDeliveryException($"AMQP sink {_context.Id}: no queue takes routing key '{ex.RoutingKey}' on exchange '{_options.Exchange}' at {_url} ({ex.ReplyCode} {ex.ReplyText}).", isTransient: false, ex);
        }
        catch (Exception ex) when (ex is PublishException or AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException or IOException)
        {
            // The channel may be gone or out of step: the next attempt starts on a new connection.
            await DropAsync().ConfigureAwait(false);
            throw new SinkDeliveryException($"AMQP sink {_context.Id}: publishing to {_url} failed: {ex.Message}", isTransient: true, ex);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await DropAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        _lock.Dispose();
    }

    private BasicProperties PropertiesOf(OutgoingMessage message)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = message.Canonical.Id.ToString("D"),
            ContentType = _contentType,
        };
        if (!_options.Headers.IsEmpty && message.Canonical.HasMetadata)
        {
            foreach (var (name, value) in message.Canonical.Metadata)
            {
                if (_options.Headers.Includes(name))
                {
                    properties.Headers ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                    properties.Headers[name] = Encoding.UTF8.GetBytes(value);
                }
            }
        }

        return properties;
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await DropAsync().ConfigureAwait(false);
        try
        {
            _connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (_options.Queue is { Length: > 0 } queue)
            {
                await AmqpTopology.EnsureQueueAsync(_connection, queue, cancellationToken).ConfigureAwait(false);
            }

            _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            if (_options.Queue is { Length: > 0 } bound && _options.Exchange.Length > 0)
            {
                await AmqpTopology.EnsureExchangeAsync(_connection, _options.Exchange, cancellationToken).ConfigureAwait(false);
                await _channel.QueueBindAsync(bound, _options.Exchange, _routingKey.IsConstant ? _routingKey.Text : "#", cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            AmqpLog.SinkConnected(_context.Logger, _context.Id, _url);
            return _channel;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DropAsync().ConfigureAwait(false);
            throw new SinkDeliveryException($"AMQP sink {_context.Id}: cannot connect to {_url}: {ex.Message}", isTransient: true, ex);
        }
    }

    private async Task DropAsync()
    {
        _channel = null;
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await AmqpTopology.CloseQuietlyAsync(connection).ConfigureAwait(false);
        }
    }
}
