using System.Threading.Channels;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Hands an MQTT input's messages to the routes, one at a time in arrival order, and acknowledges each QoS 1/2
/// message once its receipt says it was delivered. MQTTnet's receive handler only queues here, so a full route
/// never holds up MQTTnet itself (its disconnect waits for that handler). Messages still queued from a connection
/// that is gone are dropped: the broker sends them again on the new one.
/// </summary>
internal sealed class MqttInputPump : IDisposable
{
    private readonly InputContext _context;
    private readonly Func<int> _currentConnection;
    private readonly Func<bool> _isConnected;
    private readonly SemaphoreSlim _inFlight;
    private readonly Channel<(MqttApplicationMessageReceivedEventArgs Received, int Connection)> _queue;
    private Task _lastAck = Task.CompletedTask;

    public MqttInputPump(InputContext context, int maxInFlight, Func<int> currentConnection, Func<bool> isConnected)
    {
        _context = context;
        _currentConnection = currentConnection;
        _isConnected = isConnected;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);

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

    /// <summary>Dispatches queued messages until <paramref name="stopping"/>; unprocessed ones stay with the broker.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var (received, connection) in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (connection != _currentConnection())
                {
                    MqttLog.InputAckSkipped(_context.Logger, _context.Id, received.ApplicationMessage.Topic);
                    continue;
                }

                try
                {
                    await DispatchAsync(received, connection, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // One message must not end the pump; this one stays unacknowledged and comes again.
                    MqttLog.InputDispatchFailed(_context.Logger, ex, _context.Id, received.ApplicationMessage.Topic);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _inFlight.Dispose();

    private async Task DispatchAsync(MqttApplicationMessageReceivedEventArgs received, int connection, CancellationToken stopping)
    {
        var source = received.ApplicationMessage;
        var message = MqttReceivedMessages.ToMessage(source, _context.Format ?? FormatNames.Json, _context.Id);
        if (source.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            await DispatchOrLogAsync(message, source.Topic, stopping).ConfigureAwait(false);
            return;
        }

        await _inFlight.WaitAsync(stopping).ConfigureAwait(false);
        var receipt = await DispatchOrLogAsync(message, source.Topic, stopping).ConfigureAwait(false);
        if (receipt is null)
        {
            _inFlight.Release();
            return;
        }

        _lastAck = AcknowledgeWhenCommittedAsync(_lastAck, receipt, received, connection);
    }

    private async Task<MessageReceipt?> DispatchOrLogAsync(Message message, string topic, CancellationToken stopping)
    {
        try
        {
            return await _context.Dispatcher.DispatchAsync(message, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Not acknowledged: the broker sends the message again after the next reconnect.
            MqttLog.InputDispatchFailed(_context.Logger, ex, _context.Id, topic);
            return null;
        }
    }

    private async Task AcknowledgeWhenCommittedAsync(Task previous, MessageReceipt receipt, MqttApplicationMessageReceivedEventArgs received, int connection)
    {
        try
        {
            // Stored in every route's log: from here on the gateway, not the broker, answers for the message.
            await receipt.Committed.ConfigureAwait(false);

            // MQTT wants acknowledgements in the order the messages came.
            await previous.ConfigureAwait(false);
            if (connection != _currentConnection() || !_isConnected())
            {
                // The packet id belongs to a connection that is gone; the broker sends the message again.
                MqttLog.InputAckSkipped(_context.Logger, _context.Id, received.ApplicationMessage.Topic);
                return;
            }

            await received.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MqttLog.InputAckFailed(_context.Logger, _context.Id, received.ApplicationMessage.Topic, ex.Message);
        }
        finally
        {
            _inFlight.Release();
        }
    }
}
