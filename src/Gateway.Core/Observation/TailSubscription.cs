using System.Threading.Channels;

namespace Gateway.Core.Observation;

/// <summary>
/// One watcher of a route's live tail: reads <see cref="Samples"/> (a small bounded channel that drops its oldest
/// sample when the watcher is slow, so the route never waits for it); disposing it stops the sampling when it was the
/// route's last watcher.
/// </summary>
public sealed class TailSubscription : IDisposable
{
    private readonly Action<TailSubscription> _unsubscribe;
    private int _disposed;

    internal TailSubscription(int capacity, Action<TailSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
        Channel = System.Threading.Channels.Channel.CreateBounded<TailSample>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }

    public ChannelReader<TailSample> Samples => Channel.Reader;

    internal Channel<TailSample> Channel { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
