using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Tests.Transports.Folder;

/// <summary>
/// A dispatcher that keeps every message it was given, in order, and commits at once; from batch
/// <see cref="FailFromBatch"/> on (1 = the first) its commits fault, like a gateway that stops.
/// </summary>
internal sealed class RecordingDispatcher : IMessageDispatcher
{
    private readonly Lock _lock = new();
    private readonly List<Message> _messages = [];
    private int _batches;

    public int? FailFromBatch { get; init; }

    public IReadOnlyList<Message> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public int Batches => Volatile.Read(ref _batches);

    public ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
        => ValueTask.FromResult(new MessageReceipt(message.Id, 1, Commit([message])));

    public ValueTask<Task> DispatchBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
        => ValueTask.FromResult(Commit(messages));

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
        => throw new NotSupportedException("The Folder input waits for room; it never calls TryDispatch.");

    private Task Commit(IReadOnlyList<Message> messages)
    {
        var batch = Interlocked.Increment(ref _batches);
        if (batch >= FailFromBatch)
        {
            return Task.FromException(new InvalidOperationException("The gateway is stopping."));
        }

        lock (_lock)
        {
            _messages.AddRange(messages);
        }

        return Task.CompletedTask;
    }
}
