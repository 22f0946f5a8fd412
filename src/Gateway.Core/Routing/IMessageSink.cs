namespace Gateway.Core.Routing;

/// <summary>
/// Where messages go. A sink sends one message and returns when the destination acknowledged it (or throws).
/// Retries, queues and dead-lettering are wrappers around sinks (the route engine), written once, so a sink
/// does one attempt and says whether a failure is worth retrying by throwing <see cref="SinkDeliveryException"/>
/// with <see cref="SinkDeliveryException.IsTransient"/>; any other exception counts as transient.
/// Sinks are created once per configured id, used by one sender at a time per route, and disposed at shutdown.
/// </summary>
public interface IMessageSink : IAsyncDisposable
{
    /// <summary>Sends <paramref name="message"/>: its <see cref="OutgoingMessage.Body"/> is already encoded in the sink's format.</summary>
    ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
