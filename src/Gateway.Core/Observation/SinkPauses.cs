using System.Collections.Concurrent;

namespace Gateway.Core.Observation;

/// <summary>
/// The sinks an admin paused, by id. A paused sink's readers stop taking messages from their route logs after the
/// batch in hand; the messages wait in the logs (the buffer pushes back when it fills, as for a sink that is down) and
/// are delivered after <see cref="Resume"/>. Kept by sink id, so a pause survives a reload that rebuilds the sink.
/// </summary>
public sealed class SinkPauses
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _paused = new(StringComparer.OrdinalIgnoreCase);
    private volatile int _count;

    /// <summary>The paused sink ids, in order.</summary>
    public IReadOnlyList<string> Paused => [.. _paused.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="sinkId"/> is paused; one volatile read when no sink is.</summary>
    public bool IsPaused(string sinkId) => _count != 0 && _paused.ContainsKey(sinkId);

    /// <summary>Pauses the sink; false when it already was.</summary>
    public bool Pause(string sinkId)
    {
        if (!_paused.TryAdd(sinkId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Resumes the sink (its readers continue from their cursors); false when it was not paused.</summary>
    public bool Resume(string sinkId)
    {
        if (!_paused.TryRemove(sinkId, out var paused))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        paused.TrySetResult();
        return true;
    }

    /// <summary>Completes when the sink is resumed (at once when it is not paused).</summary>
    public Task WhenResumed(string sinkId) => _paused.TryGetValue(sinkId, out var paused) ? paused.Task : Task.CompletedTask;
}
