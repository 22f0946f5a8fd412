namespace Gateway.FunctionalTests.Support;

/// <summary>
/// The sequence numbers each source got an acknowledgement for (an HTTP 202, a completed TCP half-close handshake,
/// the broker's PUBACK): what the gateway, or the broker in front of it, promised to deliver. Thread-safe.
/// </summary>
public sealed class AcknowledgedNumbers
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<int>> bySource = new(StringComparer.Ordinal);

    /// <summary>How many distinct numbers were acknowledged, all sources together.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return bySource.Values.Sum(s => s.Count);
            }
        }
    }

    public void Add(string source, int n) => AddRange(source, [n]);

    public void AddRange(string source, IEnumerable<int> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        lock (gate)
        {
            if (!bySource.TryGetValue(source, out var set))
            {
                bySource[source] = set = [];
            }

            set.UnionWith(numbers);
        }
    }

    /// <summary>How many distinct numbers of <paramref name="source"/> were acknowledged.</summary>
    public int Count(string source)
    {
        lock (gate)
        {
            return bySource.TryGetValue(source, out var set) ? set.Count : 0;
        }
    }

    /// <summary>A copy of the numbers of <paramref name="source"/> acknowledged so far.</summary>
    public IReadOnlySet<int> Snapshot(string source)
    {
        lock (gate)
        {
            return bySource.TryGetValue(source, out var set) ? new HashSet<int>(set) : new HashSet<int>();
        }
    }
}
