namespace Gateway.Bench.LogBench;

/// <summary>What one engine sustained over the measured window of one or more throughput rounds.</summary>
internal sealed record ThroughputResult(
    string Engine,
    int MessageSize,
    int Producers,
    int Window,
    double Seconds,
    long Messages,
    long Commits,
    double CpuSeconds,
    LatencyHistogram Latency,
    IReadOnlyList<double> RoundRates,
    string? Note)
{
    /// <summary>A raw fsync probe rather than an engine: <see cref="Messages"/> and <see cref="Commits"/> count fsyncs.</summary>
    public bool IsReference { get; init; }

    public double MessagesPerSecond => Messages / Seconds;

    public double MegabytesPerSecond => Messages * (double)(IsReference ? RawFsyncProbe.WriteSize : MessageSize) / Seconds / 1e6;

    public double CommitsPerSecond => Commits / Seconds;

    public double MessagesPerCommit => Commits == 0 ? double.NaN : Messages / (double)Commits;

    public double CpuCores => CpuSeconds / Seconds;

    /// <summary>Adds up the rounds of one engine (rounds alternate between engines, so drift hits them alike).</summary>
    public static ThroughputResult Merge(IReadOnlyList<ThroughputResult> rounds)
    {
        var latency = new LatencyHistogram();
        foreach (var round in rounds)
        {
            latency.Add(round.Latency);
        }

        var notes = rounds.Select(r => r.Note).OfType<string>().Distinct().ToList();
        var first = rounds[0];
        return first with
        {
            Seconds = rounds.Sum(r => r.Seconds),
            Messages = rounds.Sum(r => r.Messages),
            Commits = rounds.Sum(r => r.Commits),
            CpuSeconds = rounds.Sum(r => r.CpuSeconds),
            Latency = latency,
            RoundRates = rounds.SelectMany(r => r.RoundRates).ToList(),
            Note = notes.Count == 0 ? null : string.Join("; ", notes),
        };
    }
}
