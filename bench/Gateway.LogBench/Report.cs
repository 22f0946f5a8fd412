using System.Runtime.InteropServices;

namespace Gateway.Bench.LogBench;

/// <summary>The figures of one run, printed as Markdown tables (one per message size, then recovery).</summary>
internal sealed class Report(string folder, bool quick, TimeSpan measured, int rounds)
{
    public TimeSpan Elapsed { get; set; }

    public List<ThroughputResult> Throughput { get; } = [];

    public List<RecoveryResult> Recovery { get; } = [];

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## Durable log engines: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}{(quick ? ", --quick" : "")}");
        output.WriteLine();
        output.WriteLine($"Folder `{folder}`. Each group of rows starts with the raw fsync probes measured in the same rounds " +
            $"({(quick ? "0.5" : "1")} s each per round, 200 B writes, one file; in their rows 'msg' and 'commit' are fsyncs). " +
            "The ratio column divides an engine's commits/s by the append probe of its group.");

        foreach (var size in Throughput.Select(r => r.MessageSize).Distinct())
        {
            output.WriteLine();
            output.WriteLine($"### {Size(size)} messages, {BenchRun.Producers} producers, {rounds} x {measured.TotalSeconds:0.#} s measured per row");
            output.WriteLine();
            output.WriteLine("| engine / layout | in flight per producer | durable msg/s | MB/s | commits/s | msg/commit | commits/s ÷ fsyncs/s | msg/s ÷ best | ack p50 ms | ack p99 ms | CPU cores | msg/s per round |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in Throughput.Where(r => r.MessageSize == size).GroupBy(r => r.Window))
            {
                var fsyncs = group.First(r => r.Engine == RawFsyncProbe.Name(overwrite: false)).CommitsPerSecond;
                var best = group.Where(r => !r.IsReference).Select(r => r.MessagesPerSecond).DefaultIfEmpty(double.NaN).Max();
                foreach (var r in group)
                {
                    var name = r.IsReference ? $"*{r.Engine}*" : r.Engine;
                    var versusBest = r.IsReference ? "-" : (r.MessagesPerSecond / best).ToString("N2");
                    var inFlight = r.IsReference ? "-" : r.Window.ToString("N0");
                    output.WriteLine($"| {name} | {inFlight} | {r.MessagesPerSecond:N0} | {r.MegabytesPerSecond:N1} | {r.CommitsPerSecond:N0} | " +
                        $"{r.MessagesPerCommit:N1} | {r.CommitsPerSecond / fsyncs:N2} | {versusBest} | " +
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
