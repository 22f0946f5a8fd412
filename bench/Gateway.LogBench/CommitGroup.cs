namespace Gateway.Bench.LogBench;

/// <summary>
/// Messages appended since the last commit, and the one task their producers wait on: a group costs one completion
/// however many messages it holds.
/// </summary>
internal sealed class CommitGroup
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<byte[]> Messages { get; } = [];

    public Task Committed => _committed.Task;

    public void Complete() => _committed.TrySetResult();

    public void Fail(Exception error) => _committed.TrySetException(error);
}
