using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// FasterLog with one committer loop, the same shape as the SQLite layouts: producers enqueue, wake the committer and
/// wait for a commit that covers their entry; the committer issues <c>CommitAsync</c>, which flushes everything
/// enqueued so far and returns once that commit is on disk, then looks again.
/// </summary>
/// <remarks>
/// <c>EnqueueAsync</c> + <c>WaitForCommitAsync</c> rather than <c>EnqueueAndWaitForCommitAsync</c>: the latter does
/// both in one call, so when an enqueue has to wait for memory (the in-memory pages are full until a flush) the entry
/// lands after the producer's wake-up, and nobody would wake the committer for it.
/// </remarks>
internal sealed class FasterCommitterLog : IDurableLog
{
    private readonly FasterLogStore _store;
    private readonly CountingCommitPolicy _policy = new(LogCommitPolicy.Default());
    private readonly CommitSignal _signal = new();
    private readonly Task _committer;

    public FasterCommitterLog(string folder, bool fastCommit)
    {
        _store = FasterLogStore.Open(folder, fastCommit, _policy);
        Name = fastCommit ? "FasterLog, committer loop, FastCommitMode" : "FasterLog, committer loop";
        _committer = Task.Run(CommitLoopAsync);
    }

    public string Name { get; }

    public long Commits => _policy.Finished;

    public async ValueTask AppendAsync(byte[] message)
    {
        var address = await _store.Log.EnqueueAsync(message);
        _signal.Set();
        // A commit covers an entry once the committed address is past its first byte.
        await _store.Log.WaitForCommitAsync(address + 1);
    }

    public async ValueTask StopAsync()
    {
        _signal.Complete();
        await _committer;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _store.Dispose();
    }

    private async Task CommitLoopAsync()
    {
        while (await _signal.WaitAsync())
        {
            await _store.Log.CommitAsync();
        }
    }
}
