using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Log;

/// <summary>
/// Every route's log, the budget they share, and the committer. Inputs reserve room, then append converted messages
/// to the logs of their routes; one committer writes everything appended since its last commit in one transaction
/// (group commit: one fsync for many messages and routes), publishes it to the sinks' readers and completes the
/// appenders' waits. The same transaction persists the cursors that moved and drops the groups every sink read.
/// With <see cref="BufferDurability.Memory"/> there is no store: commits only publish.
/// </summary>
public sealed class GatewayBuffer : IAsyncDisposable
{
    private static readonly TimeSpan CursorInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Free pages in the database beyond which they are given back to the file system.</summary>
    private const long ReclaimThreshold = 64L << 20;

    private readonly BufferOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RouteLog> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _appendLock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<LogGroup> _inMemory = new();
    private SqliteLogStore? _store;
    private LogDiskSpace? _diskSpace;
    private Dictionary<RouteLog, List<LogEntry>> _pending = [];
    private TaskCompletionSource _generation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inMemoryBytes;
    private long _nextGroupId = 1;
    private long _spaceChecked;
    private long _changesTaken;
    private long _commits;
    private long _committedMessages;
    private Task _committer = Task.CompletedTask;
    private Task _checkpointer = Task.CompletedTask;
    private int _disposed;

    public GatewayBuffer(BufferOptions options, ILogger logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Budget = new LogBudget(options.MaxBytes);
        Folder = Path.GetFullPath(options.Folder);
    }

    public BufferDurability Durability => _options.Durability;

    /// <summary>The absolute folder of the store (unused with memory durability).</summary>
    public string Folder { get; }

    internal LogBudget Budget { get; }

    /// <summary>The bytes of messages the buffer holds now (what counts against <see cref="BufferOptions.MaxBytes"/>).</summary>
    public long UsedBytes => Budget.Used;

    public long MaxBytes => Budget.MaxBytes;

    /// <summary>Commits since start that stored or published anything.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Messages committed since start.</summary>
    public long CommittedMessages => Interlocked.Read(ref _committedMessages);

    /// <summary>The id the next commit group gets; a sink new to a route starts there.</summary>
    internal long NextGroupId => Interlocked.Read(ref _nextGroupId);

    /// <summary>Opens the store, recovers every route's groups and cursors, and starts committing.</summary>
    public void Open()
    {
        var started = Stopwatch.GetTimestamp();
        long messages = 0;
        var groups = 0;
        if (_options.Durability == BufferDurability.Disk)
        {
            _store = new SqliteLogStore(Folder);
            _diskSpace = new LogDiskSpace(Folder, _options.MinFreeBytes, _store);
            var (stored, cursors) = _store.Recover();
            foreach (var group in stored)
            {
                Route(group.Route).Publish(new LogGroup(group.Id, group.Count, group.Bytes, null));
                Budget.Add(group.Bytes);
                _nextGroupId = Math.Max(_nextGroupId, group.Id + 1);
                messages += group.Count;
            }

            groups = stored.Count;
            foreach (var cursor in cursors)
            {
                Route(cursor.Route).Restore(cursor.Sink, cursor.Position);
                _nextGroupId = Math.Max(_nextGroupId, cursor.Position.Group + 1);
            }
        }

        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        BufferLog.Opened(_logger, _options.Durability, _store?.Path ?? "memory", messages, groups, elapsed);
        _committer = Task.Run(RunAsync, CancellationToken.None);
        if (_store is not null)
        {
            _checkpointer = Task.Run(CheckpointAsync, CancellationToken.None);
        }
    }

    /// <summary>The log of <paramref name="routeId"/>, created empty when it has none.</summary>
    internal RouteLog Route(string routeId)
    {
        lock (_routes)
        {
            if (!_routes.TryGetValue(routeId, out var log))
            {
                _routes[routeId] = log = new RouteLog(routeId);
            }

            return log;
        }
    }

    /// <summary>The logs of routes that are not among <paramref name="configured"/> and still hold messages.</summary>
    internal IReadOnlyList<RouteLog> Orphans(IEnumerable<string> configured)
    {
        var known = configured.ToHashSet(StringComparer.OrdinalIgnoreCase);
        lock (_routes)
        {
            return [.. _routes.Values.Where(r => !known.Contains(r.RouteId) && r.Messages > 0)];
        }
    }

    /// <summary>
    /// Appends entries whose room was reserved to one or more route logs, all in the same commit; the task completes
    /// once they are durable (and published to the sinks).
    /// </summary>
    internal Task Append(IReadOnlyList<(RouteLog Log, List<LogEntry> Entries)> appends)
    {
        bool first;
        Task committed;
        lock (_appendLock)
        {
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            first = _pending.Count == 0;
            foreach (var (log, entries) in appends)
            {
                if (!_pending.TryGetValue(log, out var list))
                {
                    _pending[log] = list = [];
                }

                list.AddRange(entries);
            }

            committed = _generation.Task;
        }

        if (first)
        {
            _wake.Release();
        }

        return committed;
    }

    /// <summary>The entries of a group that is no longer in memory, read back from the store.</summary>
    internal LogEntry[] Load(LogGroup group) =>
        group.Entries ?? LogEntryCodec.Decode((_store ?? throw new InvalidOperationException("A memory buffer has every group in memory.")).Read(group.Id));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        lock (_appendLock)
        {
            _stop.Cancel();
        }

        _wake.Release();
        await _committer.ConfigureAwait(false);
        await _checkpointer.ConfigureAwait(false);
        _store?.Dispose();
        _stop.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                var stopping = _stop.IsCancellationRequested;
                if (!stopping)
                {
                    await _wake.WaitAsync(CursorInterval).ConfigureAwait(false);
                }

                CheckFreeSpace();
                Dictionary<RouteLog, List<LogEntry>> pending;
                TaskCompletionSource generation;
                lock (_appendLock)
                {
                    (pending, _pending) = (_pending, []);
                    (generation, _generation) = (_generation, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                await CommitAsync(pending, generation).ConfigureAwait(false);
                if (stopping)
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            BufferLog.CommitterCrashed(_logger, ex);
            Budget.SetUnavailable($"The buffer's committer stopped: {ex.Message}");
            throw;
        }
    }

    private async Task CommitAsync(Dictionary<RouteLog, List<LogEntry>> pending, TaskCompletionSource generation)
    {
        var groups = new List<(RouteLog Log, LogGroup Group)>(pending.Count);
        foreach (var (log, entries) in pending)
        {
            groups.Add((log, new LogGroup(_nextGroupId++, entries.Count, entries.Sum(e => e.Size), [.. entries])));
        }

        // The sinks' progress is written every CursorInterval, not with every commit: a commit under load is then one
        // row, and a crash sends at most that much again.
        var (changes, truncated) = groups.Count == 0 || Stopwatch.GetElapsedTime(_changesTaken) >= CursorInterval
            ? TakeChanges()
            : (new LogCommit([], [], [], []), []);
        if (_store is not null)
        {
            var commit = changes with
            {
                Groups = [.. groups.Select(g => (new StoredGroup(g.Group.Id, g.Log.RouteId, g.Group.Count, g.Group.Bytes), LogEntryCodec.Encode(g.Group.Entries!)))],
            };
            if (!commit.IsEmpty && !await TryStoreAsync(commit, generation, truncated).ConfigureAwait(false))
            {
                generation.TrySetException(new IOException("The gateway stopped before the buffer could store the message."));
                return;
            }
        }

        foreach (var (log, group) in groups)
        {
            log.Publish(group);
            if (_store is not null)
            {
                _inMemory.Enqueue(group);
                _inMemoryBytes += group.Bytes;
            }
        }

        generation.TrySetResult();
        if (groups.Count > 0)
        {
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _committedMessages, groups.Sum(g => (long)g.Group.Count));
        }

        Release(truncated);
        while (_inMemory.TryPeek(out var head) && head.Entries is null)
        {
            _inMemory.Dequeue(); // every sink read it and it was dropped (and counted out) already
        }

        while (_inMemoryBytes > _options.MemoryBytes && _inMemory.TryDequeue(out var oldest))
        {
            if (oldest.TryEvict())
            {
                _inMemoryBytes -= oldest.Bytes;
            }
        }
    }

    /// <summary>Checkpoints the WAL every 200 ms beside the committer, so commits stay short.</summary>
    private async Task CheckpointAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckpointInterval, _stop.Token).ConfigureAwait(false);
                _store!.CheckpointInBackground();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SqliteException)
            {
                // A busy or full disk: the next round tries again, and the committer's own retries checkpoint too.
            }
        }
    }

    /// <summary>Pushes inputs back while the buffer's disk has less free space than it must keep (checked each round).</summary>
    private void CheckFreeSpace()
    {
        if (_store is null || Stopwatch.GetElapsedTime(_spaceChecked) < CursorInterval)
        {
            return;
        }

        _spaceChecked = Stopwatch.GetTimestamp();
        try
        {
            _store.Reclaim(ReclaimThreshold);
            var (room, refusal) = _diskSpace!.Measure();
            Budget.SetDiskRoom(room, refusal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or SqliteException)
        {
            Budget.SetDiskRoom(null, null); // cannot tell: the committer's own check says when the disk is full
        }
    }

    /// <summary>Every route log's cursor moves and truncations since the last call, and the groups those drop.</summary>
    private (LogCommit Changes, List<LogGroup> Truncated) TakeChanges()
    {
        _changesTaken = Stopwatch.GetTimestamp();
        RouteLog[] logs;
        lock (_routes)
        {
            logs = [.. _routes.Values];
        }

        var cursors = new List<StoredCursor>();
        var removed = new List<(string, string)>();
        var truncations = new List<(string, long)>();
        var truncated = new List<LogGroup>();
        foreach (var log in logs)
        {
            var changes = log.TakeChanges();
            cursors.AddRange(changes.Moved);
            removed.AddRange(changes.Removed.Select(sink => (log.RouteId, sink)));
            if (changes.TruncatedUpTo is { } upTo)
            {
                truncations.Add((log.RouteId, upTo));
                truncated.AddRange(changes.Truncated);
            }
        }

        return (new LogCommit([], cursors, removed, truncations), truncated);
    }

    /// <summary>Gives back the room of groups every sink read, once the store no longer has them.</summary>
    private void Release(List<LogGroup> truncated)
    {
        long released = 0;
        foreach (var group in truncated)
        {
            released += group.Bytes;
            if (group.Drop() && _store is not null)
            {
                _inMemoryBytes -= group.Bytes;
            }
        }

        truncated.Clear();
        Budget.Release(released);
    }

    /// <summary>
    /// Commits, retrying with backoff while the disk refuses (inputs are pushed back meanwhile); false when stopping
    /// first. The first failure faults <paramref name="generation"/>, so that waiting callers hear at once that their
    /// messages are not stored yet (HTTP answers 503); the retries go on, so nothing already read is dropped (a TCP
    /// frame has no other copy), and a sender that sends again may cause a duplicate, never a loss. Between retries
    /// the sinks' progress is committed on its own and SQLite's WAL is checkpointed: on a full disk that is what frees
    /// room for the new messages (deleting rows needs far less space than adding them).
    /// </summary>
    private async Task<bool> TryStoreAsync(LogCommit commit, TaskCompletionSource generation, List<LogGroup> truncated)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var failures = 0;
        while (true)
        {
            try
            {
                if (commit.Groups.Count > 0)
                {
                    _diskSpace!.EnsureRoomFor(commit.Groups.Sum(g => (long)g.Record.Length));
                }

                _store!.Commit(commit);
                if (failures > 0)
                {
                    Budget.SetUnavailable(null);
                    BufferLog.CommitRecovered(_logger, failures);
                }

                return true;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                failures++;
                var reason = $"The buffer cannot store messages now ({ex.Message}); retry later.";
                Budget.SetUnavailable(reason);
                generation.TrySetException(new IOException(reason, ex));
                BufferLog.CommitFailed(_logger, delay, ex.Message);
                if (_stop.IsCancellationRequested && failures >= 3)
                {
                    return false;
                }

                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                commit = FreeRoom(commit, truncated);
            }
        }
    }

    /// <summary>
    /// Gives the pages the truncated rows freed back to the file system (the checkpoint after this shrinks the file).
    /// New rows could reuse them inside the database, but a commit first writes its pages to the WAL, a file of its own:
    /// on a full disk a database holding only free pages would refuse every commit of new messages for good.
    /// </summary>
    private void GiveBackFreePages()
    {
        try
        {
            _store!.Reclaim(0);
        }
        catch (SqliteException)
        {
            // No room even for that; the checkpoint, and the next round, may still make some.
        }
    }

    /// <summary>
    /// Commits the cursor moves and truncations of <paramref name="commit"/> and those since, without its new groups,
    /// then checkpoints; returns what is left to commit (the groups alone when that worked, everything otherwise).
    /// </summary>
    private LogCommit FreeRoom(LogCommit commit, List<LogGroup> truncated)
    {
        var (more, moreTruncated) = TakeChanges();
        truncated.AddRange(moreTruncated);
        var progress = new LogCommit([], [.. commit.Cursors, .. more.Cursors], [.. commit.RemovedCursors, .. more.RemovedCursors], [.. commit.Truncations, .. more.Truncations]);
        try
        {
            if (!progress.IsEmpty)
            {
                _store!.Commit(progress);
                Release(truncated);
            }

            GiveBackFreePages();
            _store!.Checkpoint();
            return commit with { Cursors = [], RemovedCursors = [], Truncations = [] };
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return progress with { Groups = commit.Groups };
        }
    }
}
