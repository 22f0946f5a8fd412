using System.Diagnostics;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Checks that nothing acknowledged was lost: every number each source got an acknowledgement for
/// (<see cref="AcknowledgedNumbers"/>) arrived at every sink, or is in the dead-letter folder for that sink (or for
/// the whole route, when it failed conversion). Reads what the sinks captured incrementally, from the test's thread.
/// </summary>
public sealed class DeliveryAudit(AcknowledgedNumbers acknowledged, IReadOnlyList<string> sources, string deadLetterFolder)
{
    private const string AnySink = "*";

    private readonly List<SinkArrivals> sinks = [];
    private readonly List<Action> readers = [];
    private readonly Dictionary<string, HashSet<NumberedMessage>> deadLettered = new(StringComparer.Ordinal);
    private int deadLetterFiles = -1;

    public IReadOnlyList<SinkArrivals> Sinks => sinks;

    /// <summary>How many dead letters hold a numbered message.</summary>
    public int DeadLetters => deadLettered.Values.Sum(s => s.Count);

    /// <summary>
    /// Tracks the sink <paramref name="name"/>: <paramref name="snapshot"/> returns everything it received so far (a
    /// list that only grows), <paramref name="body"/> the bytes of one item.
    /// </summary>
    public SinkArrivals AddSink<T>(string name, Func<IReadOnlyList<T>> snapshot, Func<T, ReadOnlyMemory<byte>> body)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(body);
        var arrivals = new SinkArrivals(name);
        var cursor = 0;
        readers.Add(() =>
        {
            var items = snapshot();
            for (; cursor < items.Count; cursor++)
            {
                arrivals.Record(body(items[cursor]));
            }
        });
        sinks.Add(arrivals);
        return arrivals;
    }

    /// <summary>Reads what arrived since the last call, and the dead-letter folder when it changed.</summary>
    public void Refresh()
    {
        foreach (var read in readers)
        {
            read();
        }

        var files = Directory.Exists(deadLetterFolder) ? Directory.GetFiles(deadLetterFolder, "*.meta.json").Length : 0;
        if (files == deadLetterFiles)
        {
            return;
        }

        deadLetterFiles = files;
        deadLettered.Clear();
        foreach (var entry in DeadLetterFolderReader.Read(deadLetterFolder))
        {
            var key = entry.Sink ?? AnySink;
            if (!deadLettered.TryGetValue(key, out var set))
            {
                deadLettered[key] = set = [];
            }

            set.UnionWith(NumberedMessage.Read(entry.Body));
        }
    }

    /// <summary>The acknowledged numbers of <paramref name="source"/> that neither arrived at <paramref name="sink"/> nor are dead letters for it.</summary>
    public IReadOnlyList<int> Lost(SinkArrivals sink, string source)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return [.. acknowledged.Snapshot(source).Where(n => !sink.Contains(source, n) && !IsDeadLetter(sink.Sink, source, n)).Order()];
    }

    /// <summary>How many acknowledged messages are lost, all sinks and sources together.</summary>
    public int TotalLost() => sinks.Sum(sink => sources.Sum(source => Lost(sink, source).Count));

    /// <summary>
    /// Waits (bounded by <paramref name="timeout"/>) until nothing acknowledged is missing, or until nothing new
    /// arrived for <paramref name="stall"/>. Returns whether nothing is missing.
    /// </summary>
    public async Task<bool> WaitUntilCompleteAsync(TimeSpan timeout, TimeSpan stall)
    {
        var quiet = Stopwatch.StartNew();
        var seen = -1L;
        try
        {
            await Poll.UntilAsync(
                () =>
                {
                    Refresh();
                    if (MayBeComplete() && TotalLost() == 0)
                    {
                        return true;
                    }

                    var arrived = sinks.Sum(s => s.Total) + DeadLetters;
                    if (arrived != seen)
                    {
                        seen = arrived;
                        quiet.Restart();
                    }

                    return quiet.Elapsed > stall;
                },
                timeout,
                Describe);
        }
        catch (TimeoutException)
        {
            // Reported by the caller, with the counts.
        }

        Refresh();
        return TotalLost() == 0;
    }

    /// <summary>Counts per source and sink: acknowledged, arrived, duplicates, lost (with the first lost numbers).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var source in sources)
        {
            text.Append("input ").Append(source).Append(": ").Append(acknowledged.Count(source)).AppendLine(" acknowledged");
        }

        foreach (var sink in sinks)
        {
            foreach (var source in sources)
            {
                var lost = Lost(sink, source);
                text.Append("sink ").Append(sink.Sink).Append(" <- ").Append(source).Append(": ")
                    .Append(sink.Distinct(source)).Append(" distinct arrived, ")
                    .Append(sink.Duplicates(source)).Append(" duplicates");
                if (sink.Duplicates(source) > 0)
                {
                    text.Append(" (").Append(string.Join(' ', sink.DuplicateExamples(source, 10))).Append(" ...)");
                }

                text.Append(", ").Append(lost.Count).Append(" lost");
                if (lost.Count > 0)
                {
                    text.Append(" (").Append(string.Join(' ', lost.Take(20))).Append(lost.Count > 20 ? " ...)" : ")");
                }

                text.AppendLine();
            }

            text.Append("sink ").Append(sink.Sink).Append(": ").Append(sink.Total).Append(" arrivals, ")
                .Append(sink.Unreadable).AppendLine(" unreadable");
        }

        text.Append("dead letters: ").Append(DeadLetters).AppendLine();
        return text.ToString();
    }

    private bool IsDeadLetter(string sink, string source, int n)
    {
        var message = new NumberedMessage(source, n);
        return (deadLettered.TryGetValue(sink, out var forSink) && forSink.Contains(message))
            || (deadLettered.TryGetValue(AnySink, out var forRoute) && forRoute.Contains(message));
    }

    /// <summary>A cheap necessary condition, so the full comparison runs only when it can succeed.</summary>
    private bool MayBeComplete() =>
        sinks.All(sink => sources.All(source => sink.Distinct(source) + DeadLetters >= acknowledged.Count(source)));
}
