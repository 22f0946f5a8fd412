using System.Diagnostics;
using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// FasterLog committing by itself: <c>AutoCommit</c> requests a commit after every enqueue and
/// <c>LogCommitPolicy.MaxParallel(1)</c> admits one at a time, re-issuing a commit when one finishes if requests were
/// refused meanwhile (a group commit with no committer of ours). Producers call <c>EnqueueAndWaitForCommitAsync</c>.
/// The policy is wrapped so that it only sees commits that have something to write: as shipped, MaxParallel hangs the
/// log for good after a commit request that had nothing to write (see <see cref="CountingCommitPolicy"/>); the first
/// full bench run hung in this configuration.
/// </summary>
/// <remarks>
/// MaxParallel's retry flag is a plain field set after its in-flight counter was read, so a request refused just as
/// the running commit finishes can be lost, leaving entries that nobody commits until the next enqueue. With every
/// producer waiting, that would be never; a watchdog commits when entries have waited 50 ms with no commit under way,
/// and counts how often it had to (<see cref="Rescues"/>), which is the answer to whether this happens.
/// </remarks>
internal sealed class FasterAutoCommitLog : IDurableLog
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromMilliseconds(50);

    private readonly FasterLogStore _store;
    private readonly CountingCommitPolicy _policy = new(LogCommitPolicy.MaxParallel(1), admitOnlyRequired: true);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watchdog;
    private long _rescues;

    public FasterAutoCommitLog(string folder)
    {
        _store = FasterLogStore.Open(folder, fastCommit: false, _policy, autoCommit: true);
        _watchdog = Task.Run(WatchAsync);
    }

    public string Name => "FasterLog, AutoCommit + MaxParallel(1), leak guard";

    public long Commits => _policy.Finished;

    /// <summary>Commits the watchdog issued because entries waited with no commit under way.</summary>
    public long Rescues => Interlocked.Read(ref _rescues);

    public async ValueTask AppendAsync(byte[] message) => await _store.Log.EnqueueAndWaitForCommitAsync(message);

    public async ValueTask StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _watchdog;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _store.Dispose();
    }

    private async Task WatchAsync()
    {
        var log = _store.Log;
        var lastCommits = Commits;
        var quietSince = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var commits = Commits;
            var underWay = _policy.Created != commits;
            if (commits != lastCommits || underWay || log.CommittedUntilAddress >= log.TailAddress)
            {
                lastCommits = commits;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) > StallAfter)
            {
                Interlocked.Increment(ref _rescues);
                log.Commit();
                quietSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
