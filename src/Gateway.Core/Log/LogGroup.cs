namespace Gateway.Core.Log;

/// <summary>
/// The messages of one route that were committed together. <see cref="Entries"/> is null once the group was evicted
/// from memory (or recovered from disk and not read yet); the store still has it.
/// </summary>
internal sealed class LogGroup(long id, int count, long bytes, LogEntry[]? entries)
{
    private LogEntry[]? _entries = entries;

    /// <summary>Ascending over the whole buffer, so every route's groups are in commit order.</summary>
    public long Id { get; } = id;

    public int Count { get; } = count;

    /// <summary>What the group counts against <see cref="BufferOptions.MaxBytes"/>.</summary>
    public long Bytes { get; } = bytes;

    public LogEntry[]? Entries => Volatile.Read(ref _entries);

    /// <summary>The end of the group: a cursor at or beyond it has read every message of it.</summary>
    public LogPosition End => new(Id, Count);

    /// <summary>Drops the messages from memory once every sink read them; true when they were still there.</summary>
    public bool Drop() => Interlocked.Exchange(ref _entries, null) is not null;

    /// <summary>Drops the messages from memory unless a caller still waits for one of them to be delivered.</summary>
    public bool TryEvict()
    {
        var entries = Entries;
        if (entries is null || entries.Any(e => e.Tracker is not null))
        {
            return false;
        }

        return Interlocked.CompareExchange(ref _entries, null, entries) == entries;
    }
}
