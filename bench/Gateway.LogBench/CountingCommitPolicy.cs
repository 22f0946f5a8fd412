using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Passes every decision to another FasterLog commit policy and counts the commits that finished (FasterLog has no
/// counter of its own, and a committer cannot tell whether a <c>CommitAsync</c> found anything to commit).
/// </summary>
internal sealed class CountingCommitPolicy(LogCommitPolicy inner) : LogCommitPolicy
{
    private long _finished;

    public long Finished => Interlocked.Read(ref _finished);

    public override void OnAttached(FasterLog log) => inner.OnAttached(log);

    public override bool AdmitCommit(long currentTail, bool commitRequired) => inner.AdmitCommit(currentTail, commitRequired);

    public override void OnCommitCreated(FasterLogRecoveryInfo info) => inner.OnCommitCreated(info);

    public override void OnCommitFinished(FasterLogRecoveryInfo info)
    {
        Interlocked.Increment(ref _finished);
        inner.OnCommitFinished(info);
    }
}
