using Gateway.Core.Delivery;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.DeadLetters;

/// <summary>
/// What happens to a message that failed for good, written once for every stage (convert, encode, send): count it,
/// send it to the route's <c>DeadLetter</c> sink (one attempt) or else the dead-letter folder with the failure as
/// metadata (<c>gateway.error</c>, <c>gateway.stage</c>, <c>gateway.route</c>, <c>gateway.sink</c>), log one line and
/// keep it among the recent failures. When neither takes it, <see cref="HandleAsync"/> throws
/// <see cref="IOException"/>: the caller keeps the message in its log and tries again later, so it is never lost.
/// </summary>
internal sealed class FailureHandler(string routeId, EndpointCounters routeCounters, SinkSender? deadLetterSink, SinkEncoder? deadLetterEncoder, DeadLetterFolder folder, RecentFailures failures, ILogger logger)
{
    public const string ErrorKey = "gateway.error";
    public const string StageKey = "gateway.stage";
    public const string RouteKey = "gateway.route";
    public const string SinkKey = "gateway.sink";

    /// <summary>
    /// Dead-letters <paramref name="message"/>, which failed at <paramref name="sink"/> (null: in the route's converters);
    /// returns the failure with the sink id or file it went to.
    /// </summary>
    /// <exception cref="IOException">Neither the dead-letter sink nor the folder took it (disk full, folder full, no permission).</exception>
    public async Task<DeliveryFailure> HandleAsync(Message message, SinkSender? sink, string stage, string error, CancellationToken cancellationToken)
    {
        var sinkId = sink?.Id;
        var counters = sink?.Counters ?? routeCounters;
        var failure = new DeliveryFailure(routeId, sinkId, stage, error, null);
        var annotated = message.WithBody(message.Body, message.Format);
        annotated.Metadata[ErrorKey] = error;
        annotated.Metadata[StageKey] = stage;
        annotated.Metadata[RouteKey] = routeId;
        if (sinkId is not null)
        {
            annotated.Metadata[SinkKey] = sinkId;
        }

        var deadLetter = await ToSinkAsync(annotated, cancellationToken).ConfigureAwait(false);
        if (deadLetter is null)
        {
            try
            {
                deadLetter = await folder.WriteAsync(annotated, failure, CancellationToken.None).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new IOException(ex.Message, ex);
            }
        }

        counters.OnFailed();
        counters.OnDeadLettered();
        if (sinkId is null)
        {
            DeliveryLog.ConversionFailed(logger, routeId, message.Id, message.InputId, DeliveryLog.NoSink, deadLetter, error);
        }
        else
        {
            DeliveryLog.DeliveryFailed(logger, routeId, sinkId, message.Id, message.InputId, deadLetter, error);
        }

        failures.Record(new FailureRecord(DateTimeOffset.UtcNow, message.Id, routeId, message.InputId, sinkId, stage, error, deadLetter));
        return failure with { DeadLetter = deadLetter };
    }

    /// <summary>One attempt at the route's dead-letter sink; null when there is none or it failed.</summary>
    private async Task<string?> ToSinkAsync(Message annotated, CancellationToken cancellationToken)
    {
        if (deadLetterSink is null || deadLetterEncoder is null || cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        try
        {
            OutgoingMessage encoded;
            lock (deadLetterEncoder)
            {
                // Every reader of the route fails here, and a reader's outstanding batches concurrently; an encoder is for one message at a time.
                encoded = deadLetterEncoder.Encode(annotated);
            }

            await deadLetterSink.SendOnceAsync(encoded, cancellationToken).ConfigureAwait(false);
            deadLetterSink.Counters.OnDeadLettered();
            return deadLetterSink.Id;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            deadLetterSink.Counters.OnFailed();
            DeliveryLog.DeadLetterSinkFailed(logger, routeId, deadLetterSink.Id, annotated.Id, annotated.InputId, SinkSender.Describe(ex));
            return null;
        }
    }
}
