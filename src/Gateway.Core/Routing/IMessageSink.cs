namespace Gateway.Core.Routing;

/// <summary>
/// Where messages go. A sink sends one message and returns when the destination acknowledged it (or throws).
/// Retries, queues and dead-lettering are wrappers around sinks (the route engine), written once, so a sink
/// does one attempt and says whether a failure is worth retrying by throwing <see cref="SinkDeliveryException"/>
/// with <see cref="SinkDeliveryException.IsTransient"/>; any other exception counts as transient.
/// Sinks are created once per configured id and disposed at shutdown. A route's reader calls one send at a time,
/// unless the sink type was registered with more than one batch in flight
/// (<see cref="SinkRegistration.InFlightBatches"/>): then sends of one route overlap. Routes that share a sink and
/// dead letters call it concurrently anyway.
/// </summary>
public interface IMessageSink : IAsyncDisposable
{
    /// <summary>Sends <paramref name="message"/>: its <see cref="OutgoingMessage.Body"/> is already encoded in the sink's format.</summary>
    ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
