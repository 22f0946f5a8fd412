using Gateway.Core.Log;

namespace Gateway.Core.Delivery;

/// <summary>
/// The batches one sink reader has outstanding, in log order, at most <paramref name="capacity"/>. They may finish in
/// any order, but the cursor only moves over the done prefix: past every finished batch at the head, then into the
/// first unfinished one as far as it got message by message. So it never passes a message that is not done (a failed
/// batch holds it back while later ones succeed), and a restart sends again whatever was outstanding (at least once).
/// A finished batch keeps its place until the ones before it finished, so the reader never runs more than
/// <paramref name="capacity"/> batches ahead of its cursor.
/// </summary>
/// <param name="capacity">The most batches outstanding.</param>
/// <param name="cursor">The cursor when the window opens.</param>
/// <param name="advance">Moves the cursor; called in order, under the window's lock, only forward.</param>
internal sealed class DeliveryWindow(int capacity, LogPosition cursor, Action<LogPosition> advance)
{
    private readonly Lock _lock = new();
    private readonly Queue<SinkBatch> _batches = new();
    private TaskCompletionSource _freed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LogPosition _cursor = cursor;

    /// <summary>Batches outstanding (finished ones behind an unfinished one included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>True when another batch may start; else <paramref name="freed"/> completes when one leaves the window.</summary>
    public bool HasRoom(out Task freed)
    {
        lock (_lock)
        {
            freed = _batches.Count < capacity ? Task.CompletedTask : _freed.Task;
            return _batches.Count < capacity;
        }
    }

    /// <summary>Takes a batch the reader is about to send (the next one in log order).</summary>
    public void Add(SinkBatch batch)
    {
        lock (_lock)
        {
            _batches.Enqueue(batch);
        }
    }

    /// <summary><paramref name="batch"/> is done up to <paramref name="done"/> (<paramref name="finished"/>: all of it); moves the cursor as far as the done prefix reaches.</summary>
    public void Report(SinkBatch batch, LogPosition done, bool finished)
    {
        TaskCompletionSource? freed = null;
        lock (_lock)
        {
            batch.Done = done;
            batch.Finished = finished;
            var reached = _cursor;
            while (_batches.TryPeek(out var head) && head.Finished)
            {
                reached = head.End;
                _batches.Dequeue();
                freed = _freed;
            }

            if (_batches.TryPeek(out var first) && first.Done > reached)
            {
                reached = first.Done;
            }

            if (reached > _cursor)
            {
                _cursor = reached;
                advance(reached);
            }

            if (freed is not null)
            {
                _freed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        freed?.TrySetResult();
    }
}
