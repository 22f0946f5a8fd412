using Gateway.Core.Health;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Transports.Acknowledgements;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Gateway.Transports.Nats;

/// <summary>
/// Reads a NATS subject or a JetStream stream and hands the messages to the routes. Core NATS messages are handed over
/// in batches of what arrived together and never acknowledged (core NATS is at most once). JetStream messages come
/// from a durable pull consumer and are acknowledged only once every sink of their routes took them (or dead-lettered
/// them), so when this gateway dies, the server delivers what it had not finished to the other gateways of the same
/// consumer after <see cref="NatsInputOptions.AckWait"/>.
/// </summary>
public sealed class NatsInput : IMessageInput, IHealthReporter
{
    private readonly NatsInputOptions _options;
    private readonly InputContext _context;
    private readonly NatsConnection _connection;
    private readonly string _url;
    private readonly DeliveredAcknowledgementPump<INatsJSMsg<byte[]>> _pump;
    private volatile string? _lastError;
    private volatile bool _reading;

    public NatsInput(NatsInputOptions options, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _context = context;
        _url = options.DisplayUrl;
        _connection = NatsConnections.Create(options, $"gateway input {context.Id}");
        _pump = new DeliveredAcknowledgementPump<INatsJSMsg<byte[]>>(
            context,
            options.MaxAckPending,
            m => NatsReceivedMessages.ToMessage(m.Subject, m.Headers, m.Data, Format, context.Id),
            AcknowledgeAsync,
            ex => NatsLog.InputDispatchFailed(context.Logger, ex, context.Id));
    }

    public string Id => _context.Id;

    /// <summary>The durable consumer's name (JetStream), configured or derived from the input id.</summary>
    public string ConsumerName => string.IsNullOrEmpty(_options.Consumer) ? $"gateway-{_context.Id}" : _options.Consumer;

    private string Format => _context.Format ?? FormatNames.Json;

    /// <summary>Up while subscribed or consuming; Starting before that; Down while retrying, with the last error.</summary>
    public ComponentHealth Health => _reading && _connection.ConnectionState == NatsConnectionState.Open
        ? ComponentHealth.Up(_options.IsJetStream ? $"consuming {_options.Stream} at {_url}" : $"subscribed at {_url}")
        : _lastError is { } error ? ComponentHealth.Down($"retrying {_url}: {error}") : new ComponentHealth(ComponentState.Starting, $"connecting to {_url}");

    /// <summary>Starts reading (core NATS hands its batches over itself; JetStream messages go through the pump).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pump.Start(RunAsync);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking messages; those handed over are still acknowledged once delivered, until <see cref="DisposeAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _pump.StopAsync(cancellationToken);

    /// <summary>Waits up to 5 seconds for the acknowledgements still due (the rest the server delivers again), then disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        await _pump.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _connection.ConnectAsync().AsTask().WaitAsync(stopping).ConfigureAwait(false);
                if (_options.IsJetStream)
                {
                    var consumer = await NatsJetStreamSetup.ConsumerAsync(_connection, _options, ConsumerName, _context, stopping).ConfigureAwait(false);
                    MarkReading(ref attempt);
                    NatsLog.InputConsuming(_context.Logger, Id, _options.Stream!, ConsumerName, _url);
                    var consume = new NatsJSConsumeOpts { MaxMsgs = Math.Min(_options.MaxAckPending, 1000) };
                    await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: consume, cancellationToken: stopping).ConfigureAwait(false))
                    {
                        await _pump.EnqueueAsync(message, stopping).ConfigureAwait(false);
                    }
                }
                else
                {
                    await using var subscription = await _connection.SubscribeCoreAsync<byte[]>(_options.Subject!, _options.QueueGroup, cancellationToken: stopping).ConfigureAwait(false);
                    MarkReading(ref attempt);
                    NatsLog.InputListening(_context.Logger, Id, _url, _options.Subject!);
                    await ReadCoreAsync(subscription, stopping).ConfigureAwait(false);
                }

                // NATS.Net ends the consume loop quietly when it is cancelled: that is the gateway stopping, not an error.
                stopping.ThrowIfCancellationRequested();

                // The subscription or the consumer ended without an error (deleted on the server): set it up again.
                throw new InvalidOperationException("the server ended the subscription");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _reading = false;
                attempt++;
                _lastError = ex.Message;
                var delay = ReconnectBackoff.Delay(_options.ReconnectDelay, attempt);
                NatsLog.InputFailed(_context.Logger, Id, _url, attempt, ex.Message, delay);
                if (!await ReconnectBackoff.WaitAsync(delay, stopping).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private void MarkReading(ref int attempt)
    {
        attempt = 0;
        _lastError = null;
        _reading = true;
    }

    /// <summary>Core NATS: what arrived together is one batch; the next read waits until the routes took it (the client buffers meanwhile).</summary>
    private async Task ReadCoreAsync(INatsSub<byte[]> subscription, CancellationToken stopping)
    {
        var batch = new List<Message>();
        while (await subscription.Msgs.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            while (batch.Count < 256 && subscription.Msgs.TryRead(out var received))
            {
                batch.Add(NatsReceivedMessages.ToMessage(received.Subject, received.Headers, received.Data, Format, Id));
            }

            try
            {
                await _context.Dispatcher.DispatchBatchAsync(batch, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                NatsLog.InputCoreDispatchFailed(_context.Logger, ex, Id, batch.Count);
            }

            batch.Clear();
        }
    }

    private static async Task AcknowledgeAsync(IReadOnlyList<INatsJSMsg<byte[]>> messages)
    {
        foreach (var message in messages)
        {
            await message.AckAsync().ConfigureAwait(false);
        }
    }
}
