namespace Gateway.Core.Log;

/// <summary>
/// One route's log: its committed groups in order, and one cursor per sink. Each sink reads at its own cursor and
/// moves it only past what it acknowledged (or dead-lettered), so a slow or dead sink holds back nobody but itself;
/// the buffer drops the groups every cursor passed. The log outlives reloads: a route that a reload replaced keeps
/// its log and its sinks' cursors.
/// </summary>
internal sealed class RouteLog(string routeId)
{
    private readonly Lock _lock = new();
    private readonly List<LogGroup> _groups = [];
    private readonly Dictionary<string, LogPosition> _cursors = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _dirty = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _removed = [];
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _messages;

    public string RouteId { get; } = routeId;

    /// <summary>Messages in the log that at least one sink has not read (what the dashboard calls its depth).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Completes when a group is published after this was read.</summary>
    public Task Published
    {
        get
        {
            lock (_lock)
            {
                return _published.Task;
            }
        }
    }

    /// <summary>Adds a committed group and wakes the readers.</summary>
    public void Publish(LogGroup group)
    {
        TaskCompletionSource published;
        lock (_lock)
        {
            _groups.Add(group);
            Interlocked.Add(ref _messages, group.Count);
            published = _published;
            _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        published.TrySetResult();
    }

    /// <summary>The first group with unread messages at or after <paramref name="position"/>, and where to start in it.</summary>
    public bool TryNext(LogPosition position, out LogGroup group, out int start)
    {
        lock (_lock)
        {
            var i = FirstAtOrAfter(position.Group);
            for (; i < _groups.Count; i++)
            {
                group = _groups[i];
                start = group.Id == position.Group ? position.Index : 0;
                if (start < group.Count)
                {
                    return true;
                }
            }
        }

        group = null!;
        start = 0;
        return false;
    }

    /// <summary>The cursor of <paramref name="sink"/>; a sink new to the route starts at <paramref name="next"/> (only messages from now on).</summary>
    public LogPosition CursorOf(string sink, long next)
    {
        lock (_lock)
        {
            if (!_cursors.TryGetValue(sink, out var cursor))
            {
                _cursors[sink] = cursor = new LogPosition(next, 0);
                _dirty.Add(sink);
            }

            return cursor;
        }
    }

    /// <summary>Sets a cursor read from the store at start.</summary>
    public void Restore(string sink, LogPosition position)
    {
        lock (_lock)
        {
            _cursors[sink] = position;
        }
    }

    public void Advance(string sink, LogPosition position)
    {
        lock (_lock)
        {
            if (_cursors.TryGetValue(sink, out var current) && position > current)
            {
                _cursors[sink] = position;
                _dirty.Add(sink);
            }
        }
    }

    /// <summary>Forgets the cursor of a sink the route no longer has; returns how many messages it had not read.</summary>
    public long RemoveCursor(string sink)
    {
        lock (_lock)
        {
            if (!_cursors.Remove(sink, out var cursor))
            {
                return 0;
            }

            _dirty.Remove(sink);
            _removed.Add(sink);
            return Unread(cursor);
        }
    }

    /// <summary>The sinks that have a cursor.</summary>
    public IReadOnlyList<string> Sinks()
    {
        lock (_lock)
        {
            return [.. _cursors.Keys];
        }
    }

    /// <summary>How many committed messages <paramref name="sink"/> has not read yet.</summary>
    public long Unread(string sink)
    {
        lock (_lock)
        {
            return _cursors.TryGetValue(sink, out var cursor) ? Unread(cursor) : 0;
        }
    }

    /// <summary>
    /// Takes the cursor moves since the last call and removes the groups every cursor passed (none when the route has
    /// no cursor: nothing has read it). The caller persists both in one transaction, then releases the bytes.
    /// </summary>
    public (List<StoredCursor> Moved, List<string> Removed, long? TruncatedUpTo, List<LogGroup> Truncated) TakeChanges()
    {
        lock (_lock)
        {
            var moved = _dirty.Select(sink => new StoredCursor(RouteId, sink, _cursors[sink])).ToList();
            _dirty.Clear();
            var removed = new List<string>(_removed);
            _removed.Clear();
            var count = 0;
            if (_cursors.Count > 0)
            {
                var slowest = _cursors.Values.Min();
                while (count < _groups.Count && _groups[count].End <= slowest)
                {
                    count++;
                }
            }

            var truncated = _groups.GetRange(0, count);
            _groups.RemoveRange(0, count);
            Interlocked.Add(ref _messages, -truncated.Sum(g => (long)g.Count));
            return (moved, removed, count > 0 ? truncated[^1].Id : null, truncated);
        }
    }

    /// <summary>Unread messages behind <paramref name="cursor"/>; the caller holds the lock.</summary>
    private long Unread(LogPosition cursor)
    {
        long unread = 0;
        for (var i = FirstAtOrAfter(cursor.Group); i < _groups.Count; i++)
        {
            var group = _groups[i];
            unread += group.Count - (group.Id == cursor.Group ? Math.Min(cursor.Index, group.Count) : 0);
        }

        return unread;
    }

    /// <summary>Binary search: the index of the first group whose id is at least <paramref name="id"/>.</summary>
    private int FirstAtOrAfter(long id)
    {
        int low = 0, high = _groups.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_groups[middle].Id < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
