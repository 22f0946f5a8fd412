namespace Gateway.Core.Routing;

/// <summary>
/// The running totals of one input, route or sink. Which counters move depends on the kind: inputs count received
/// messages and bytes; routes count received, converted, failed (conversion) and dead-lettered; sinks count
/// delivered, retried, failed, dead-lettered and the bytes they sent.
/// </summary>
public sealed class EndpointCounters(EndpointKind kind, string id)
{
    private long _received;
    private long _converted;
    private long _delivered;
    private long _retried;
    private long _failed;
    private long _deadLettered;
    private long _bytes;
    private volatile string? _lastError;
    private volatile bool _attempted;

    public EndpointKind Kind { get; } = kind;

    public string Id { get; } = id;

    public long Received => Volatile.Read(ref _received);

    public long Converted => Volatile.Read(ref _converted);

    public long Delivered => Volatile.Read(ref _delivered);

    public long Retried => Volatile.Read(ref _retried);

    public long Failed => Volatile.Read(ref _failed);

    public long DeadLettered => Volatile.Read(ref _deadLettered);

    /// <summary>Body bytes received (inputs, routes) or sent (sinks).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Sinks: the error of the last attempt when it failed; null once an attempt succeeds.</summary>
    public string? LastError => _lastError;

    /// <summary>Sinks: whether anything was sent (or tried) yet.</summary>
    public bool Attempted => _attempted;

    internal void OnReceived(int bytes)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void OnConverted() => Interlocked.Increment(ref _converted);

    internal void OnDelivered(int bytes)
    {
        Interlocked.Increment(ref _delivered);
        Interlocked.Add(ref _bytes, bytes);
        Succeeded();
    }

    /// <summary>An attempt at a sink failed (it may still be retried).</summary>
    internal void OnAttemptFailed(string error)
    {
        _lastError = error;
        _attempted = true;
    }

    private void Succeeded()
    {
        // Read before writing: a sink that keeps working never writes these shared fields again.
        if (_lastError is not null)
        {
            _lastError = null;
        }

        if (!_attempted)
        {
            _attempted = true;
        }
    }

    internal void OnRetried() => Interlocked.Increment(ref _retried);

    internal void OnFailed() => Interlocked.Increment(ref _failed);

    internal void OnDeadLettered() => Interlocked.Increment(ref _deadLettered);
}
