namespace Gateway.FunctionalTests.Support;

/// <summary>
/// What reached one sink: how often each numbered message (<see cref="NumberedMessage"/>) arrived, per source.
/// Fed from one thread (the test's); not thread-safe.
/// </summary>
public sealed class SinkArrivals(string sink)
{
    private readonly Dictionary<string, Dictionary<int, int>> bySource = new(StringComparer.Ordinal);

    public string Sink { get; } = sink;

    /// <summary>Everything that arrived, duplicates included.</summary>
    public long Total { get; private set; }

    /// <summary>Bodies that held no numbered message (a cut-off frame, something else).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Counts the numbered messages in <paramref name="body"/>.</summary>
    public void Record(ReadOnlyMemory<byte> body)
    {
        var messages = NumberedMessage.Read(body);
        if (messages.Count == 0)
        {
            Unreadable++;
        }

        foreach (var message in messages)
        {
            if (!bySource.TryGetValue(message.Source, out var counts))
            {
                bySource[message.Source] = counts = [];
            }

            counts[message.N] = counts.GetValueOrDefault(message.N) + 1;
            Total++;
        }
    }

    public bool Contains(string source, int n) => bySource.TryGetValue(source, out var counts) && counts.ContainsKey(n);

    /// <summary>How many distinct numbers of <paramref name="source"/> arrived.</summary>
    public int Distinct(string source) => bySource.TryGetValue(source, out var counts) ? counts.Count : 0;

    /// <summary>How many arrivals of <paramref name="source"/> were a second (third, ...) copy.</summary>
    public int Duplicates(string source) => bySource.TryGetValue(source, out var counts) ? counts.Values.Sum(c => c - 1) : 0;

    /// <summary>Up to <paramref name="limit"/> numbers of <paramref name="source"/> that arrived more than once, with their counts.</summary>
    public IEnumerable<string> DuplicateExamples(string source, int limit) => bySource.TryGetValue(source, out var counts)
        ? counts.Where(c => c.Value > 1).OrderBy(c => c.Key).Take(limit).Select(c => $"{c.Key}x{c.Value}")
        : [];
}
