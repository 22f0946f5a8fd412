using System.Collections.Concurrent;
using Gateway.Core.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Options of the test sink: how many attempts fail first, and how.</summary>
public sealed class RecordingSinkOptions
{
    public int FailTimes { get; set; }

    public bool FailPermanently { get; set; }

    public bool Block { get; set; }
}

/// <summary>A sink that records what it is sent and fails or blocks as its options say.</summary>
internal sealed class RecordingSink(RecordingSinkOptions options) : IMessageSink
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    public ConcurrentQueue<OutgoingMessage> Received { get; } = new();

    public int Attempts => Volatile.Read(ref _attempts);

    public bool Disposed { get; private set; }

    /// <summary>Lets blocked sends through.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (options.Block)
        {
            await _release.Task.WaitAsync(cancellationToken);
        }

        if (options.FailPermanently)
        {
            throw new SinkDeliveryException("the destination refuses this message", isTransient: false);
        }

        if (attempt <= options.FailTimes)
        {
            throw new IOException($"attempt {attempt} failed");
        }

        Received.Enqueue(message);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
