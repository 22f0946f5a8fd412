using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;

namespace Gateway.Benchmarks.Csv;

/// <summary>Canonical JSON records -> CSV against a raw <see cref="Utf8JsonReader"/> scan of the same JSON.</summary>
[MemoryDiagnoser]
public class CsvWriteBenchmarks
{
    private readonly CsvFormat _csv = new();
    private readonly JsonFormat _json = new();
    private byte[] _jsonArray = [];
    private List<byte[]> _records = [];

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new FormatOptions { InferTypes = true };
        using var output = new MemoryStream();
        FormatConverter.Convert(new MemoryStream(CsvSampleData.Create(Rows)), _csv, output, _json, options);
        _jsonArray = output.ToArray();
        _records = [];
        using var reader = _json.CreateReader(new MemoryStream(_jsonArray), options);
        while (reader.TryRead(out var record))
        {
            _records.Add(record.ToArray());
        }
    }

    [Benchmark(Baseline = true)]
    public long RawJsonScan()
    {
        long total = 0;
        var reader = new Utf8JsonReader(_jsonArray);
        while (reader.Read())
        {
            total += reader.ValueSpan.Length;
        }

        return total;
    }

    [Benchmark]
    public void WriteRecords()
    {
        using var writer = _csv.CreateWriter(Stream.Null, new FormatOptions());
        writer.Begin(isSequence: true);
        foreach (var record in _records)
        {
            writer.Write(record);
        }

        writer.Complete();
    }

    [Benchmark]
    public long JsonArrayToCsv() => FormatConverter.Convert(new MemoryStream(_jsonArray), _json, Stream.Null, _csv, new FormatOptions());
}
