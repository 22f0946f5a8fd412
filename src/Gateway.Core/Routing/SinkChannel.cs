using System.Diagnostics;
using System.Threading.Channels;
using Gateway.Core.Diagnostics;
using Gateway.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// The bounded queue between one route and one of its sinks, and the worker that empties it: every message is
/// encoded, sent with retries, and dead-lettered when that fails. A full queue makes the route wait (push back).
/// </summary>
internal sealed class SinkChannel
{
    /// <summary>The most messages handed to a batching sink at once.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<(Message Message, DeliveryTracker Tracker)> _queue;
    private readonly string _routeId;
    private readonly SinkDelivery _delivery;
    private readonly DeadLetterRouter _deadLetters;
    private readonly RecentFailures _failures;
    private readonly ILogger _logger;
    private readonly TagList _delivered;
    private readonly TagList _failed;

    public SinkChannel(string routeId, SinkDelivery delivery, int capacity, DeadLetterRouter deadLetters, RecentFailures failures, ILogger logger)
    {
        _routeId = routeId;
        _failures = failures;
        _delivered = new TagList { { "route", routeId }, { "sink", delivery.Id }, { "outcome", "delivered" } };
        _failed = new TagList { { "route", routeId }, { "sink", delivery.Id }, { "outcome", "failed" } };
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

    /// <summary>
    /// Delivers until the queue is completed and empty; after <paramref name="stopping"/> fires, what is left goes to
    /// the dead letters. Messages already waiting go to a batching sink as one batch.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var reader = _queue.Reader;
        var batch = new List<(Message Message, DeliveryTracker Tracker)>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 1 && _delivery.CanBatch && !stopping.IsCancellationRequested)
            {
                await DeliverBatchAsync(batch, stopping).ConfigureAwait(false);
            }
            else
            {
                foreach (var (message, tracker) in batch)
                {
                    tracker.Complete(await DeliverAsync(message, stopping).ConfigureAwait(false));
                }
            }

            batch.Clear();
        }
    }

    private async Task DeliverBatchAsync(List<(Message Message, DeliveryTracker Tracker)> batch, CancellationToken stopping)
    {
        var encoded = new List<(OutgoingMessage Outgoing, DeliveryTracker Tracker)>(batch.Count);
        foreach (var (message, tracker) in batch)
        {
            try
            {
                encoded.Add((_delivery.Encode(message), tracker));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                tracker.Complete(await FailAsync(message, "encode", ex, stopping).ConfigureAwait(false));
            }
        }

        if (encoded.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        bool sent;
        using (SinkActivity.StartBatch(_routeId, _delivery.Id, encoded.Select(e => e.Outgoing.Canonical)))
        {
            sent = await _delivery.TrySendBatchAsync([.. encoded.Select(e => e.Outgoing)], stopping).ConfigureAwait(false);
        }

        if (sent)
        {
            // One send carried the whole batch: each message waited for all of it.
            var seconds = GatewayInstruments.SecondsSince(started);
            foreach (var (_, tracker) in encoded)
            {
                GatewayInstruments.SinkDuration.Record(seconds, _delivered);
                tracker.Complete(null);
            }

            return;
        }

        // The batch failed as a whole: send each message on its own, with retries, so each gets its own outcome.
        foreach (var (outgoing, tracker) in encoded)
        {
            tracker.Complete(await SendAsync(outgoing, stopping).ConfigureAwait(false));
        }
    }

    private async Task<DeliveryFailure?> DeliverAsync(Message message, CancellationToken stopping)
    {
        OutgoingMessage outgoing;
        try
        {
            outgoing = _delivery.Encode(message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return await FailAsync(message, "encode", ex, stopping).ConfigureAwait(false);
        }

        return await SendAsync(outgoing, stopping).ConfigureAwait(false);
    }

    private async Task<DeliveryFailure?> SendAsync(OutgoingMessage outgoing, CancellationToken stopping)
    {
        using var activity = SinkActivity.Start(_routeId, _delivery.Id, outgoing.Canonical);
        var started = Stopwatch.GetTimestamp();
        try
        {
            stopping.ThrowIfCancellationRequested();
            await _delivery.SendAsync(outgoing, stopping).ConfigureAwait(false);
            GatewayInstruments.SinkDuration.Record(GatewayInstruments.SecondsSince(started), _delivered);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            GatewayInstruments.SinkDuration.Record(GatewayInstruments.SecondsSince(started), _failed);
            SinkActivity.Failed(activity, SinkDelivery.Describe(ex));
            return await FailAsync(outgoing.Canonical, "send", ex, stopping).ConfigureAwait(false);
        }
    }

    private async Task<DeliveryFailure> FailAsync(Message message, string stage, Exception exception, CancellationToken stopping)
    {
        var error = exception is OperationCanceledException && stopping.IsCancellationRequested
            ? "the gateway stopped before the sink acknowledged the message"
            : SinkDelivery.Describe(exception);
        _delivery.Counters.OnFailed();
        if (stage == "send" && exception is not SinkDeliveryException { IsTransient: false })
        {
            // Unreachable or not answering; a sink that refuses one message is still reachable.
            _delivery.Counters.OnAttemptFailed(error);
        }

        var failure = new DeliveryFailure(_routeId, _delivery.Id, stage, error, null);
        var deadLetter = await _deadLetters.WriteAsync(message, failure, stopping).ConfigureAwait(false);
        if (deadLetter is not null)
        {
            _delivery.Counters.OnDeadLettered();
        }

        RoutingLog.DeliveryFailed(_logger, _routeId, _delivery.Id, message.Id, message.InputId, deadLetter, error);
        _failures.Record(new FailureRecord(DateTimeOffset.UtcNow, message.Id, _routeId, message.InputId, _delivery.Id, stage, error, deadLetter));
        return failure with { DeadLetter = deadLetter };
    }
}
