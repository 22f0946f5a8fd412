using System.Threading.Channels;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Wakes a committer when something was appended since it last looked. Setting it while it is already set is a
/// no-op, so producers can signal after every append without queueing wake-ups.
/// </summary>
internal sealed class CommitSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Set() => _channel.Writer.TryWrite(true);

    /// <summary>Waits until set (and resets it); false once <see cref="Complete"/> was called and nothing is pending.</summary>
    public async ValueTask<bool> WaitAsync()
    {
        if (!await _channel.Reader.WaitToReadAsync())
        {
            return false;
        }

        _channel.Reader.TryRead(out _);
        return true;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
