using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// Takes an input's messages: runs each route's converters, appends the result to the route's durable log and
/// gives back a <see cref="MessageReceipt"/> whose <see cref="MessageReceipt.Committed"/> completes once it is
/// stored; acknowledge the sender only then. A full buffer pushes back: <see cref="DispatchAsync"/> waits for room
/// (TCP stops reading, MQTT stops acknowledging), <see cref="TryDispatch"/> refuses at once (HTTP answers 503 with
/// <c>Retry-After</c>).
/// </summary>
public interface IMessageDispatcher
{
    /// <summary>Appends <paramref name="message"/>, waiting while the buffer is full; a message no converter takes is dead-lettered.</summary>
    ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="messages"/> (what an input has ready at once, such as every frame of one read) as one
    /// batch, waiting while the buffer is full; gives back the task that completes once all of them are stored. A
    /// batch costs one reservation and one append instead of one per message. The default dispatches one by one.
    /// </summary>
    async ValueTask<Task> DispatchBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var commits = new Task[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            commits[i] = (await DispatchAsync(messages[i], cancellationToken).ConfigureAwait(false)).Committed;
        }

        return Task.WhenAll(commits);
    }

    /// <summary>
    /// Appends <paramref name="messages"/> as one batch like <see cref="DispatchBatchAsync"/>, but the task given back
    /// completes only once every sink of every route acknowledged each message or gave up on it (dead-lettered it).
    /// For inputs whose source keeps a message until it is acknowledged (a JetStream consumer, an AMQP queue): the
    /// source, not this gateway's log, answers for what is not delivered yet, so another gateway can take it over
    /// when this one dies. The task faults when the batch could not be stored, and never completes when the gateway
    /// stops before the sinks are done.
    /// </summary>
    ValueTask<Task> DispatchBatchUntilDeliveredAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
        => throw new NotSupportedException($"{GetType().Name} does not track deliveries.");

    /// <summary>
    /// Appends <paramref name="message"/> when there is room; otherwise returns false with the reason. With
    /// <see cref="DispatchOptions.RefuseInvalid"/> a conversion failure is thrown
    /// (<see cref="Formats.FormatReadException"/>, <see cref="Converters.ConverterException"/>) and nothing is stored.
    /// </summary>
    bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal);
}
