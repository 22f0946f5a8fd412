namespace Gateway.Bench.LogBench;

/// <summary>
/// One engine under the same load: producers append and wait until their message is durable; whatever commits
/// (a committer loop, or the engine itself) groups everything appended since the last commit.
/// </summary>
internal interface IDurableLog : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Commits that reached the disk so far.</summary>
    long Commits { get; }

    /// <summary>Completes once <paramref name="message"/> is committed. The caller must not reuse the array before.</summary>
    ValueTask AppendAsync(byte[] message);

    /// <summary>Stops the committer once every producer has had its last message acknowledged.</summary>
    ValueTask StopAsync();
}
