using System.Collections.Concurrent;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Options of the batching test sink.</summary>
public sealed class BatchRecordingSinkOptions
{
    /// <summary>How many batches fail before batches succeed.</summary>
    public int FailBatches { get; set; }
}

/// <summary>A batching sink that holds its first send until released and records every call.</summary>
internal sealed class BatchRecordingSink(BatchRecordingSinkOptions options) : IBatchMessageSink
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failedBatches;

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<OutgoingMessage> Received { get; } = new();

    public void Release() => _release.TrySetResult();

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _release.Task.WaitAsync(cancellationToken);
        Calls.Enqueue("one");
        Received.Enqueue(message);
    }

    public ValueTask SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"batch of {messages.Count}");
        if (Interlocked.Increment(ref _failedBatches) <= options.FailBatches)
        {
            throw new IOException("the batch failed");
        }

        foreach (var message in messages)
        {
            Received.Enqueue(message);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
