using System.Diagnostics;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Append-to-durable latencies in 10 us buckets up to 1 s. One per producer (no sharing), merged at the end; a fixed
/// array keeps recording free of allocation while the engines run.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 10;
    private readonly long[] _buckets = new long[100_001];

    public long Count { get; private set; }

    public void Record(long startTimestamp)
    {
        var microseconds = Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        var bucket = (int)Math.Min(_buckets.Length - 1, microseconds / BucketMicroseconds);
        _buckets[bucket]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] += other._buckets[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency in milliseconds below which <paramref name="fraction"/> of the samples fall.</summary>
    public double PercentileMilliseconds(double fraction)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketMicroseconds / 1000;
            }
        }

        return _buckets.Length * BucketMicroseconds / 1000;
    }
}
