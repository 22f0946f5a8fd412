using System.Threading.Channels;
using Gateway.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// The bounded queue between one route and one of its sinks, and the worker that empties it: every message is
/// encoded, sent with retries, and dead-lettered when that fails. A full queue makes the route wait (push back).
/// </summary>
internal sealed class SinkChannel
{
    private readonly Channel<(Message Message, DeliveryTracker Tracker)> _queue;
    private readonly string _routeId;
    private readonly SinkDelivery _delivery;
    private readonly DeadLetterRouter _deadLetters;
    private readonly ILogger _logger;

    public SinkChannel(string routeId, SinkDelivery delivery, int capacity, DeadLetterRouter deadLetters, ILogger logger)
    {
        _routeId = routeId;
        _delivery = delivery;
        _deadLetters = deadLetters;
        _logger = logger;
        _queue = Channel.CreateBounded<(Message, DeliveryTracker)>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public string SinkId => _delivery.Id;

    public int Depth => _queue.Reader.Count;

    public ValueTask EnqueueAsync(Message message, DeliveryTracker tracker) => _queue.Writer.WriteAsync((message, tracker));

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Delivers until the queue is completed and empty; after <paramref name="stopping"/> fires, what is left goes to the dead letters.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var (message, tracker) in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            tracker.Complete(await DeliverAsync(message, stopping).ConfigureAwait(false));
        }
    }

    private async Task<DeliveryFailure?> DeliverAsync(Message message, CancellationToken stopping)
    {
        var stage = "encode";
        try
        {
            var outgoing = _delivery.Encode(message);
            stage = "send";
            stopping.ThrowIfCancellationRequested();
            await _delivery.SendAsync(outgoing, stopping).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = ex is OperationCanceledException && stopping.IsCancellationRequested
                ? "the gateway stopped before the sink acknowledged the message"
                : SinkDelivery.Describe(ex);
            _delivery.Counters.OnFailed();
            var failure = new DeliveryFailure(_routeId, _delivery.Id, stage, error, null);
            var deadLetter = await _deadLetters.WriteAsync(message, failure, stopping).ConfigureAwait(false);
            if (deadLetter is not null)
            {
                _delivery.Counters.OnDeadLettered();
            }

            RoutingLog.DeliveryFailed(_logger, _routeId, _delivery.Id, message.Id, message.InputId, deadLetter, error);
            return failure with { DeadLetter = deadLetter };
        }
    }
}
