using BenchmarkDotNet.Attributes;
using CsvHelper;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;

namespace Gateway.Benchmarks.Csv;

/// <summary>
/// CSV -> canonical JSON against the raw parser it is built on. The baseline is CsvHelper's reader scanning every
/// field as a UTF-8 span (its fastest use, nothing materialized); <see cref="RawScanStrings"/> is the same scan
/// producing a string per field, as a record-of-strings parser does.
/// </summary>
[MemoryDiagnoser]
public class CsvReadBenchmarks
{
    private static readonly CsvReaderOptions ScanOptions = new() { Separator = ',', HasHeader = true };
    private readonly CsvFormat _csv = new();
    private readonly JsonFormat _json = new();
    private byte[] _input = [];

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _input = CsvSampleData.Create(Rows);

    [Benchmark(Baseline = true)]
    public long RawScanSpans()
    {
        long total = 0;
        using var reader = CsvReader.Create(new MemoryStream(_input), ScanOptions);
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                total += reader.GetSpan(i).Length;
            }
        }

        return total;
    }

    [Benchmark]
    public long RawScanStrings()
    {
        long total = 0;
        using var reader = CsvReader.Create(new MemoryStream(_input), ScanOptions);
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                total += reader.GetString(i).Length;
            }
        }

        return total;
    }

    [Benchmark]
    public long Records() => ReadAll(new FormatOptions());

    [Benchmark]
    public long RecordsInferTypes() => ReadAll(new FormatOptions { InferTypes = true });

    [Benchmark]
    public long RecordsUnflatten() => ReadAll(new FormatOptions { Unflatten = true });

    [Benchmark]
    public long CsvToJsonArray() => FormatConverter.Convert(new MemoryStream(_input), _csv, Stream.Null, _json, new FormatOptions());

    private long ReadAll(FormatOptions options)
    {
        long total = 0;
        using var reader = _csv.CreateReader(new MemoryStream(_input), options);
        while (reader.TryRead(out var record))
        {
            total += record.Length;
        }

        return total;
    }
}
