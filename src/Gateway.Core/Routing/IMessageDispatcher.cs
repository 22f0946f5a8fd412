using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// Takes an input's messages into the bounded queue of every route that reads the input. Full queues push back:
/// <see cref="DispatchAsync"/> waits for room (TCP stops reading, MQTT stops acknowledging), and
/// <see cref="TryDispatch"/> refuses at once (HTTP answers 503 with <c>Retry-After</c>).
/// </summary>
public interface IMessageDispatcher
{
    /// <summary>Queues <paramref name="message"/>, waiting while a route's queue is full.</summary>
    ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken);

    /// <summary>Queues <paramref name="message"/> when every route has room; returns false (and queues nothing) otherwise.</summary>
    bool TryDispatch(Message message, [NotNullWhen(true)] out MessageReceipt? receipt);
}
