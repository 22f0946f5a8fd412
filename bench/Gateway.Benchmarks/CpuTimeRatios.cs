using System.Globalization;
using System.Runtime.InteropServices;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Benchmarks;

/// <summary>
/// The JSON converters and their raw <c>Utf8JsonReader</c> scan, interleaved, timed by the CPU time of this
/// thread (best of the rounds). On a shared machine wall time mostly measures the other processes; CPU time of
/// the converting thread stays put within a few percent. Linux only (<c>clock_gettime</c>).
/// </summary>
public static partial class CpuTimeRatios
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    public static void Run(int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = TestData.JsonArray();
        var ndjson = TestData.Ndjson();
        var options = new FormatOptions();
        var cases = new (string Name, byte[] Input, DataFormat From, DataFormat To)[]
        {
            ("JSON -> CSV", json, new JsonFormat(), new CsvFormat()),
            ("JSON -> XML", json, new JsonFormat(), new XmlFormat()),
            ("NDJSON -> CSV", ndjson, new NdjsonFormat(), new CsvFormat()),
        };
        var best = new double[cases.Length];
        Array.Fill(best, double.MaxValue);
        double rawJson = double.MaxValue, rawNdjson = double.MaxValue;
        for (var round = 0; round < rounds; round++)
        {
            rawJson = Math.Min(rawJson, Time(() => ConversionBenchmarks.ScanJson(json)));
            rawNdjson = Math.Min(rawNdjson, Time(() => ConversionBenchmarks.ScanNdjson(ndjson)));
            for (var i = 0; i < cases.Length; i++)
            {
                var (_, input, from, to) = cases[i];
                best[i] = Math.Min(best[i], Time(() => FormatConverter.Convert(new MemoryStream(input, writable: false), from, Stream.Null, to, options)));
            }
        }

        output.WriteLine($"| conversion | MB/s (thread CPU time) | raw Utf8JsonReader scan MB/s | ratio (target >= 0.5) |");
        output.WriteLine("|---|---:|---:|---:|");
        for (var i = 0; i < cases.Length; i++)
        {
            var raw = cases[i].Input == json ? rawJson : rawNdjson;
            var megabytes = cases[i].Input.Length / (1024.0 * 1024.0);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {cases[i].Name} | {megabytes / best[i] * 1000:F0} | {megabytes / raw * 1000:F0} | {raw / best[i]:F2} |"));
        }
    }

    private static double Time(Func<long> run)
    {
        var start = ThreadMilliseconds();
        run();
        return ThreadMilliseconds() - start;
    }

    private static double ThreadMilliseconds()
    {
        _ = ClockGetTime(ThreadCpuClock, out var time);
        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
