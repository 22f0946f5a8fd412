using System.Runtime.InteropServices;

namespace Gateway.Bench.LogBench;

/// <summary>The figures of one run, printed as Markdown tables (one per message size, then recovery).</summary>
internal sealed class Report(string folder, bool quick, TimeSpan measured, int rounds)
{
    public double AppendFsyncsAtStart { get; set; }

    public double AppendFsyncsAtEnd { get; set; }

    public double AppendFsyncs4K { get; set; }

    public double OverwriteFsyncs { get; set; }

    /// <summary>The reference of the ratio column: appending 200 B then fsync, the mean of both probes.</summary>
    public double FsyncsPerSecond => (AppendFsyncsAtStart + AppendFsyncsAtEnd) / 2;

    public TimeSpan Elapsed { get; set; }

    public List<ThroughputResult> Throughput { get; } = [];

    public List<RecoveryResult> Recovery { get; } = [];

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## Durable log engines: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{(quick ? ", --quick" : "")}");
        output.WriteLine();
        output.WriteLine($"Folder `{folder}`. Raw fsync rate, one file: append 200 B + fsync **{FsyncsPerSecond:N0}/s** " +
            $"(start of run {AppendFsyncsAtStart:N0}/s, end {AppendFsyncsAtEnd:N0}/s; the reference of the ratio column); " +
            $"append 4 KB + fsync {AppendFsyncs4K:N0}/s; overwrite 200 B in place (no growth) + fsync {OverwriteFsyncs:N0}/s.");

        foreach (var size in Throughput.Select(r => r.MessageSize).Distinct())
        {
            output.WriteLine();
            output.WriteLine($"### {Size(size)} messages, {BenchRun.Producers} producers, {rounds} x {measured.TotalSeconds:0.#} s measured per row");
            output.WriteLine();
            output.WriteLine("| engine / layout | in flight per producer | durable msg/s | MB/s | commits/s | msg/commit | commits/s ÷ fsyncs/s | msg/s ÷ best | ack p50 ms | ack p99 ms | CPU cores | msg/s per round |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in Throughput.Where(r => r.MessageSize == size).GroupBy(r => r.Window))
            {
                var best = group.Max(r => r.MessagesPerSecond);
                foreach (var r in group)
                {
                    output.WriteLine($"| {r.Engine} | {r.Window} | {r.MessagesPerSecond:N0} | {r.MegabytesPerSecond:N1} | {r.CommitsPerSecond:N0} | " +
                        $"{r.MessagesPerCommit:N1} | {r.CommitsPerSecond / FsyncsPerSecond:N2} | {r.MessagesPerSecond / best:N2} | " +
                        $"{r.Latency.PercentileMilliseconds(0.5):N2} | {r.Latency.PercentileMilliseconds(0.99):N2} | {r.CpuCores:N2} | " +
                        $"{string.Join(" / ", r.RoundRates.Select(rate => rate.ToString("N0")))} |");
                }
            }

            foreach (var r in Throughput.Where(r => r.MessageSize == size && r.Note is not null))
            {
                output.WriteLine();
                output.WriteLine($"- {r.Engine}, {r.Window} in flight: {r.Note}");
            }
        }

        output.WriteLine();
        output.WriteLine("### Recovery after kill -9, then truncation of the first half");
        output.WriteLine();
        output.WriteLine("| engine / layout | messages | committed (+ uncommitted tail) | on disk MB | page cache dropped | read back | check | reopen ms | reopen + full scan ms | scan MB/s | truncate ms | on disk after MB | kept |");
        output.WriteLine("|---|---:|---:|---:|:-:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Recovery)
        {
            var scanMbPerSecond = r.ReadBack * (double)r.MessageSize / 1e6 / (r.RecoveryMilliseconds / 1000);
            output.WriteLine($"| {r.Engine} | {Size(r.MessageSize)} | {r.Committed:N0} (+ {r.Uncommitted:N0}) | {r.DiskBytes / 1e6:N1} | " +
                $"{(r.ColdCache ? "yes" : "no")} | {r.ReadBack:N0} | {(r.Problem is null ? "ok" : "**FAILED**")} | {r.OpenMilliseconds:N0} | " +
                $"{r.RecoveryMilliseconds:N0} | {scanMbPerSecond:N0} | {r.TruncateMilliseconds:N1} | {r.DiskBytesAfterTruncate / 1e6:N1} | {r.KeptAfterTruncate:N0} |");
        }

        foreach (var r in Recovery.Where(r => r.Problem is not null))
        {
            output.WriteLine();
            output.WriteLine($"- **FAILED** {r.Engine}, {Size(r.MessageSize)}: {r.Problem}");
        }

        output.WriteLine();
        output.WriteLine($"Whole run: {Elapsed.TotalSeconds:N0} s.");
    }

    private static string Size(int bytes) => bytes >= 1024 ? $"{bytes / 1024} KB" : $"{bytes} B";
}
