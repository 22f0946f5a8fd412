using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Gateway.Benchmarks;

/// <summary>Prints each conversion's throughput and allocations beside its raw scan, with the ratio.</summary>
public static class RatioReport
{
    private static readonly (string Conversion, string Baseline, string Input)[] Pairs =
    [
        ("CSV -> JSON", "raw CsvHelper scan, spans (CSV)", "CSV"),
        ("CSV -> JSON", "raw CsvHelper scan, strings (CSV)", "CSV"),
        ("JSON -> CSV", "raw Utf8JsonReader scan (JSON)", "JSON"),
        ("XML -> JSON", "raw XmlReader scan (XML)", "XML"),
        ("XML -> JSON (record element)", "raw XmlReader scan (XML)", "XML"),
        ("JSON -> XML", "raw Utf8JsonReader scan (JSON)", "JSON"),
        ("NDJSON -> CSV", "raw Utf8JsonReader scan (NDJSON)", "NDJSON"),
    ];

    public static void Print(Summary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        var sizes = new Dictionary<string, long>
        {
            ["CSV"] = TestData.Csv().Length,
            ["JSON"] = TestData.JsonArray().Length,
            ["NDJSON"] = TestData.Ndjson().Length,
            ["XML"] = TestData.Xml().Length,
        };

        output.WriteLine();
        output.WriteLine("| conversion | input MB | MB/s | alloc bytes/MB | raw scan | raw MB/s | ratio (target >= 0.5) |");
        output.WriteLine("|---|---:|---:|---:|---|---:|---:|");
        foreach (var (conversion, baseline, input) in Pairs)
        {
            var c = Find(summary, conversion);
            var b = Find(summary, baseline);
            if (c is null || b is null)
            {
                continue;
            }

            var megabytes = sizes[input] / (1024.0 * 1024.0);
            var mbps = megabytes / (c.ResultStatistics!.Mean / 1e9);
            var rawMbps = megabytes / (b.ResultStatistics!.Mean / 1e9);
            var allocPerMb = c.GcStats.GetBytesAllocatedPerOperation(c.BenchmarkCase) / megabytes;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {conversion} | {megabytes:F1} | {mbps:F1} | {allocPerMb:N0} | {baseline} | {rawMbps:F1} | {mbps / rawMbps:F2} |"));
        }
    }

    private static BenchmarkReport? Find(Summary summary, string description) =>
        summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'') == description && r.ResultStatistics is not null);
}
