using System.Threading.Channels;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Hands an MQTT input's messages to the routes in arrival order, every message already received as one batch, and
/// acknowledges each QoS 1/2 message, in order, once its batch is stored in the routes' logs. MQTTnet's receive handler only queues here, so a full route
/// never holds up MQTTnet itself (its disconnect waits for that handler). Messages still queued from a connection
/// that is gone are dropped: the broker sends them again on the new one.
/// </summary>
internal sealed class MqttInputPump : IDisposable
{
    /// <summary>The most messages dispatched as one batch (never more than the in-flight bound, whose slots a batch takes).</summary>
    private const int MaxBatch = 256;

    private readonly InputContext _context;
    private readonly Func<int> _currentConnection;
    private readonly Func<bool> _isConnected;
    private readonly SemaphoreSlim _inFlight;
    private readonly int _maxBatch;
    private readonly Channel<(MqttApplicationMessageReceivedEventArgs Received, int Connection)> _queue;
    private Task _lastAck = Task.CompletedTask;

    public MqttInputPump(InputContext context, int maxInFlight, Func<int> currentConnection, Func<bool> isConnected)
    {
        _context = context;
        _currentConnection = currentConnection;
        _isConnected = isConnected;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
        _maxBatch = Math.Min(maxInFlight, MaxBatch);

        // The broker sends at most the receive maximum of unacknowledged messages; the bound only matters for QoS 0
        // floods and brokers without flow control, where the receive handler then waits (MQTTnet buffers).
        _queue = Channel.CreateBounded<(MqttApplicationMessageReceivedEventArgs, int)>(new BoundedChannelOptions(maxInFlight * 2)
        {
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Completes when every acknowledgement due so far was sent or given up.</summary>
    public Task PendingAcknowledgements => _lastAck;

    /// <summary>Called by MQTTnet's receive handler: takes over the acknowledgement and queues the message.</summary>
    public ValueTask EnqueueAsync(MqttApplicationMessageReceivedEventArgs received, int connection, CancellationToken stopping)
    {
        received.AutoAcknowledge = false;
        return _queue.Writer.WriteAsync((received, connection), stopping);
    }

    /// <summary>
    /// Dispatches queued messages until <paramref name="stopping"/>, every message already received as one batch
    /// (one append and one commit for all of them); unprocessed ones stay with the broker.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<(MqttApplicationMessageReceivedEventArgs Received, Message Message)>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                var connection = _currentConnection();
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
                {
                    if (item.Connection != connection)
                    {
                        MqttLog.InputAckSkipped(_context.Logger, _context.Id, item.Received.ApplicationMessage.Topic);
                        continue;
                    }

                    batch.Add((item.Received, MqttReceivedMessages.ToMessage(item.Received.ApplicationMessage, _context.Format ?? FormatNames.Json, _context.Id)));
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await DispatchAsync(batch, connection, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // One batch must not end the pump; its messages stay unacknowledged and come again.
                    MqttLog.InputDispatchFailed(_context.Logger, ex, _context.Id, batch[0].Received.ApplicationMessage.Topic);
                }
                finally
                {
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _inFlight.Dispose();

    private async Task DispatchAsync(List<(MqttApplicationMessageReceivedEventArgs Received, Message Message)> batch, int connection, CancellationToken stopping)
    {
        // QoS 1 and 2 messages hold an in-flight slot until they are acknowledged; QoS 0 ones are never acknowledged.
        var acknowledged = batch.Where(b => b.Received.ApplicationMessage.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce).Select(b => b.Received).ToArray();
        var slots = 0;
        try
        {
            for (; slots < acknowledged.Length; slots++)
            {
                await _inFlight.WaitAsync(stopping).ConfigureAwait(false);
            }

            var committed = await _context.Dispatcher.DispatchBatchAsync([.. batch.Select(b => b.Message)], stopping).ConfigureAwait(false);
            if (acknowledged.Length > 0)
            {
                _lastAck = AcknowledgeWhenCommittedAsync(_lastAck, committed, acknowledged, connection);
                slots = 0; // released once acknowledged
            }
        }
        finally
        {
            if (slots > 0)
            {
                _inFlight.Release(slots);
            }
        }
    }

    private async Task AcknowledgeWhenCommittedAsync(Task previous, Task committed, MqttApplicationMessageReceivedEventArgs[] received, int connection)
    {
        try
        {
            // Stored in every route's log: from here on the gateway, not the broker, answers for the messages.
            await committed.ConfigureAwait(false);

            // MQTT wants acknowledgements in the order the messages came.
            await previous.ConfigureAwait(false);
            foreach (var message in received)
            {
                if (connection != _currentConnection() || !_isConnected())
                {
                    // The packet id belongs to a connection that is gone; the broker sends the message again.
                    MqttLog.InputAckSkipped(_context.Logger, _context.Id, message.ApplicationMessage.Topic);
                    continue;
                }

                await message.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            MqttLog.InputAckFailed(_context.Logger, _context.Id, received[0].ApplicationMessage.Topic, ex.Message);
        }
        finally
        {
            _inFlight.Release(received.Length);
        }
    }
}
