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
    /// Appends <paramref name="message"/> when there is room; otherwise returns false with the reason. With
    /// <see cref="DispatchOptions.RefuseInvalid"/> a conversion failure is thrown
    /// (<see cref="Formats.FormatReadException"/>, <see cref="Converters.ConverterException"/>) and nothing is stored.
    /// </summary>
    bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal);
}
