using FASTER.core;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Passes every decision to another FasterLog commit policy and counts the commits that finished (FasterLog has no
/// counter of its own, and a committer cannot tell whether a <c>CommitAsync</c> found anything to commit).
/// </summary>
/// <param name="inner">The policy that decides.</param>
/// <param name="admitOnlyRequired">
/// Refuse a commit request that has nothing to write before asking <paramref name="inner"/>. Needed around
/// <c>LogCommitPolicy.MaxParallel</c> in FASTER 2.6.5: it admits such a request (it ignores <c>commitRequired</c>),
/// FasterLog then drops the request without creating a commit, so <c>OnCommitFinished</c> never comes and the
/// in-flight slot is never given back. With MaxParallel(1) every later commit is refused and every waiter hangs: one
/// <c>Commit()</c> on a fully committed log is enough, and AutoCommit makes one whenever an enqueue's own commit request
/// arrives after a concurrent commit already covered its entry.
/// </param>
internal sealed class CountingCommitPolicy(LogCommitPolicy inner, bool admitOnlyRequired = false) : LogCommitPolicy
{
    private long _created;
    private long _finished;

    public long Created => Interlocked.Read(ref _created);

    public long Finished => Interlocked.Read(ref _finished);

    public override void OnAttached(FasterLog log) => inner.OnAttached(log);

    public override bool AdmitCommit(long currentTail, bool commitRequired) =>
        (commitRequired || !admitOnlyRequired) && inner.AdmitCommit(currentTail, commitRequired);

    public override void OnCommitCreated(FasterLogRecoveryInfo info)
    {
        Interlocked.Increment(ref _created);
        inner.OnCommitCreated(info);
    }

    public override void OnCommitFinished(FasterLogRecoveryInfo info)
    {
        Interlocked.Increment(ref _finished);
        inner.OnCommitFinished(info);
    }
}
