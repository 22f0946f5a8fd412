namespace Gateway.Core.Routing;

/// <summary>The last <see cref="Capacity"/> failed messages, newest first, for the dashboard and the admin API.</summary>
public sealed class RecentFailures
{
    public const int Capacity = 100;

    private readonly FailureRecord[] _ring = new FailureRecord[Capacity];
    private readonly Lock _lock = new();
    private long _count;

    /// <summary>How many failures were recorded since start (not only the kept ones).</summary>
    public long Total => Interlocked.Read(ref _count);

    public void Record(FailureRecord failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_lock)
        {
            _ring[_count % Capacity] = failure;
            _count++;
        }
    }

    /// <summary>The kept failures, newest first.</summary>
    public IReadOnlyList<FailureRecord> Snapshot()
    {
        lock (_lock)
        {
            var kept = (int)Math.Min(_count, Capacity);
            var result = new FailureRecord[kept];
            for (var i = 0; i < kept; i++)
            {
                result[i] = _ring[(_count - 1 - i) % Capacity];
            }

            return result;
        }
    }
}
