namespace Gateway.Bench.LogBench;

/// <summary>
/// SQLite behind a group committer: producers add their message to the open group, wake the committer and wait on
/// the group; the committer takes the whole group, writes it in one transaction (one WAL fsync) and completes it.
/// </summary>
internal sealed class SqliteGroupLog : IDurableLog
{
    private readonly SqliteStore _store;
    private readonly CommitSignal _signal = new();
    private readonly Lock _lock = new();
    private readonly Task _committer;
    private CommitGroup _open = new();
    private long _nextSequence;
    private long _commits;

    public SqliteGroupLog(string folder, SqliteLayout layout)
    {
        _store = SqliteStore.Open(folder, layout);
        Name = layout == SqliteLayout.RowPerMessage ? "SQLite, row per message" : "SQLite, BLOB per group";
        _committer = Task.Run(CommitLoopAsync);
    }

    public string Name { get; }

    public long Commits => Interlocked.Read(ref _commits);

    public ValueTask AppendAsync(byte[] message)
    {
        Task committed;
        lock (_lock)
        {
            _open.Messages.Add(message);
            committed = _open.Committed;
        }

        _signal.Set();
        return new ValueTask(committed);
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
            CommitGroup group;
            lock (_lock)
            {
                group = _open;
                _open = new CommitGroup();
            }

            if (group.Messages.Count == 0)
            {
                continue;
            }

            try
            {
                _store.WriteGroup(group.Messages, _nextSequence);
                _nextSequence += group.Messages.Count;
                Interlocked.Increment(ref _commits);
                group.Complete();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                group.Fail(ex);
            }
        }
    }
}
