using System.Text.Json;
using System.Xml;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Benchmarks;

/// <summary>
/// Each conversion beside a raw scan of the same input by the reader it is built on. The report prints MB/s,
/// allocated bytes per MB, and the ratio conversion / raw scan (target: at least 0.5).
/// </summary>
[MemoryDiagnoser]
public class ConversionBenchmarks
{
    private static readonly FormatOptions Options = new();
    private static readonly JsonFormat Json = new();
    private static readonly NdjsonFormat Ndjson = new();
    private static readonly CsvFormat Csv = new();
    private static readonly XmlFormat Xml = new();

    private byte[] _csv = [];
    private byte[] _json = [];
    private byte[] _ndjson = [];
    private byte[] _xml = [];

    [GlobalSetup]
    public void Setup()
    {
        _csv = TestData.Csv();
        _json = TestData.JsonArray();
        _ndjson = TestData.Ndjson();
        _xml = TestData.Xml();
    }

    [Benchmark(Description = "CSV -> JSON")]
    public long CsvToJson() => Run(_csv, Csv, Json);

    [Benchmark(Description = "raw CsvHelper scan, spans (CSV)")]
    public long CsvParserScan()
    {
        using var reader = CsvReader.Create(new MemoryStream(_csv), new CsvReaderOptions { Separator = ',', HasHeader = true });
        long fields = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                fields += reader.GetSpan(i).Length;
            }
        }

        return fields;
    }

    [Benchmark(Description = "raw CsvHelper scan, strings (CSV)")]
    public long CsvParserScanStrings()
    {
        using var reader = CsvReader.Create(new MemoryStream(_csv), new CsvReaderOptions { Separator = ',', HasHeader = true });
        long fields = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                fields += reader.GetString(i).Length;
            }
        }

        return fields;
    }

    [Benchmark(Description = "JSON -> CSV")]
    public long JsonToCsv() => Run(_json, Json, Csv);

    [Benchmark(Description = "JSON -> XML")]
    public long JsonToXml() => Run(_json, Json, Xml);

    [Benchmark(Description = "raw Utf8JsonReader scan (JSON)")]
    public long JsonReaderScan() => ScanJson(_json);

    [Benchmark(Description = "XML -> JSON")]
    public long XmlToJson() => Run(_xml, Xml, Json);

    [Benchmark(Description = "XML -> JSON (record element)")]
    public long XmlRecordsToJson() => Run(_xml, Xml, Json, new FormatOptions { RecordElement = "order" });

    [Benchmark(Description = "raw XmlReader scan (XML)")]
    public long XmlReaderScan()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        long chars = 0;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                chars += reader.Value.Length;
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                chars += reader.Name.Length;
                while (reader.MoveToNextAttribute())
                {
                    chars += reader.Value.Length;
                }
            }
        }

        return chars;
    }

    [Benchmark(Description = "NDJSON -> CSV")]
    public long NdjsonToCsv() => Run(_ndjson, Ndjson, Csv);

    [Benchmark(Description = "raw Utf8JsonReader scan (NDJSON)")]
    public long NdjsonReaderScan() => ScanNdjson(_ndjson);

    /// <summary>The raw reference for NDJSON: every line read by its own <see cref="Utf8JsonReader"/>.</summary>
    internal static long ScanNdjson(byte[] ndjson)
    {
        long tokens = 0;
        var span = ndjson.AsSpan();
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            tokens += ScanJson(line);
            span = end < 0 ? [] : span[(end + 1)..];
        }

        return tokens;
    }

    /// <summary>The raw reference for JSON: every token read by <see cref="Utf8JsonReader"/>.</summary>
    internal static long ScanJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        long tokens = 0;
        while (reader.Read())
        {
            tokens += reader.ValueSpan.Length;
        }

        return tokens;
    }

    private static long Run(byte[] input, DataFormat from, DataFormat to, FormatOptions? options = null) =>
        FormatConverter.Convert(new MemoryStream(input, writable: false), from, Stream.Null, to, options ?? Options);
}
