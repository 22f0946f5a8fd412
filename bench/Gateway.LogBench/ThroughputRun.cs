using System.Diagnostics;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Producers that each keep up to <c>window</c> messages waiting for durability (1 = append, wait, append again; more
/// = an input with several messages in flight, as an MQTT input with QoS 1 has). Counts acknowledgements and commits
/// over a window that starts after a warm-up, and the time from append to acknowledgement.
/// </summary>
internal sealed class ThroughputRun
{
    private readonly IDurableLog _log;
    private readonly int _messageSize;
    private readonly int _window;
    private volatile bool _stopping;
    private volatile bool _measuring;
    private long _acknowledged;

    private ThroughputRun(IDurableLog log, int messageSize, int window)
    {
        _log = log;
        _messageSize = messageSize;
        _window = window;
    }

    public static async Task<ThroughputResult> RunAsync(
        IDurableLog log, int messageSize, int producers, int window, TimeSpan warmUp, TimeSpan measured)
    {
        var run = new ThroughputRun(log, messageSize, window);
        var histograms = Enumerable.Range(0, producers).Select(_ => new LatencyHistogram()).ToArray();
        var tasks = histograms.Select(histogram => Task.Run(() => run.ProduceAsync(histogram))).ToArray();

        await Task.Delay(warmUp);
        var acknowledged = Interlocked.Read(ref run._acknowledged);
        var commits = log.Commits;
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        run._measuring = true;

        await Task.Delay(measured);
        run._measuring = false;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        acknowledged = Interlocked.Read(ref run._acknowledged) - acknowledged;
        commits = log.Commits - commits;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;

        run._stopping = true;
        var drained = Task.WhenAll(tasks);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(30))) != drained)
        {
            throw new TimeoutException($"{log.Name}: producers still waiting for a commit 30 s after the run ended");
        }

        await drained;
        await log.StopAsync();

        var latency = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latency.Add(histogram);
        }

        var note = log is FasterAutoCommitLog auto && auto.Rescues > 0
            ? $"watchdog issued {auto.Rescues} commit(s) for stalled entries"
            : null;
        return new ThroughputResult(log.Name, messageSize, producers, window, seconds, acknowledged, commits, cpuSeconds,
            latency, [acknowledged / seconds], note);
    }

    private async Task ProduceAsync(LatencyHistogram histogram)
    {
        // One buffer per slot of the window: a slot is reused only after its previous message was acknowledged, so
        // engines that keep the array until they commit (the SQLite committer) never see it change underneath them.
        var buffers = Enumerable.Range(0, _window).Select(_ => Messages.Create(_messageSize)).ToArray();
        var pending = new Queue<(ValueTask Acknowledged, long Started)>(_window);
        long sequence = 0;
        while (!_stopping)
        {
            if (pending.Count == _window)
            {
                await AcknowledgeOldestAsync(pending, histogram);
            }

            var buffer = buffers[sequence % _window];
            Messages.Stamp(buffer, sequence++);
            var started = Stopwatch.GetTimestamp();
            // Queued, not awaited at once: that is the window. Each is awaited exactly once, oldest first, which is all a
            // ValueTask asks; turning them into Tasks would add an allocation per message to the engines' figures.
#pragma warning disable CA2012
            pending.Enqueue((_log.AppendAsync(buffer), started));
#pragma warning restore CA2012
        }

        while (pending.Count > 0)
        {
            await AcknowledgeOldestAsync(pending, histogram);
        }
    }

    private async ValueTask AcknowledgeOldestAsync(Queue<(ValueTask Acknowledged, long Started)> pending, LatencyHistogram histogram)
    {
        var (acknowledged, started) = pending.Dequeue();
        await acknowledged;
        if (_measuring)
        {
            histogram.Record(started);
        }

        Interlocked.Increment(ref _acknowledged);
    }
}
