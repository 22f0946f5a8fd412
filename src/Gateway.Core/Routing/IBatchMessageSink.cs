namespace Gateway.Core.Routing;

/// <summary>
/// A sink that can send several messages at once: a stream sink writes them all and flushes once, a broker sink
/// publishes them with several acknowledgements outstanding. The engine hands a batch of the messages already
/// waiting in a sink's queue (in order) when there is more than one; one at a time it still calls
/// <see cref="IMessageSink.SendAsync"/>.
/// </summary>
public interface IBatchMessageSink : IMessageSink
{
    /// <summary>
    /// Sends <paramref name="messages"/> in order and returns when the destination acknowledged all of them. On any
    /// failure it throws, and the engine sends the batch again one message at a time with the usual retries, so a
    /// destination may see some messages twice (delivery is at least once).
    /// </summary>
    ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);
}
