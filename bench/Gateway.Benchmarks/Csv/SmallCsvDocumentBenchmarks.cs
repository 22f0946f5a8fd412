using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;

namespace Gateway.Benchmarks.Csv;

/// <summary>
/// One small CSV document converted to JSON per operation, as <c>POST /convert</c> and an Http input do for every
/// request: the S1 body (100 rows) and a one-row document, whose time and bytes are almost all per-document setup.
/// The read-only cases count the records without writing JSON, so their bytes are the CSV reader's alone (the
/// conversions add the JSON writer and the <see cref="MemoryStream"/> and array that hold the answer).
/// The options are one shared instance, as for a request without a query string; <see cref="FreshOptions"/> makes a
/// new (equal) instance per document, as for one with a query string.
/// </summary>
[MemoryDiagnoser]
public class SmallCsvDocumentBenchmarks
{
    private static readonly CsvFormat Csv = new();
    private static readonly JsonFormat Json = new();
    private static readonly FormatOptions SharedOptions = new();
    private byte[] _s1 = [];
    private byte[] _oneRow = [];

    [Params(false, true)]
    public bool FreshOptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _s1 = S1Body(100);
        _oneRow = S1Body(1);
    }

    [Benchmark(Baseline = true, Description = "S1 body, 100 rows, CSV -> JSON")]
    public int S1Document() => Convert(_s1);

    [Benchmark(Description = "one row, CSV -> JSON")]
    public int OneRowDocument() => Convert(_oneRow);

    [Benchmark(Description = "S1 body, read only (CountRecords)")]
    public long S1ReadOnly() => FormatConverter.CountRecords(_s1, Csv, Options());

    [Benchmark(Description = "one row, read only (CountRecords)")]
    public long OneRowReadOnly() => FormatConverter.CountRecords(_oneRow, Csv, Options());

    /// <summary>The body of <c>bench/e2e/s1-convert-http.sh</c>: quotes, escaped quotes and embedded commas.</summary>
    public static byte[] S1Body(int rows)
    {
        string[] cities = ["Berlin", "Lyon", "Sao Paulo", "\"Zurich\"", "New York, NY"];
        var sb = new StringBuilder("id,sku,name,price,qty,city,note\n");
        for (var i = 0; i < rows; i++)
        {
            var city = cities[i % cities.Length];
            if (city.Contains('"', StringComparison.Ordinal) || city.Contains(',', StringComparison.Ordinal))
            {
                city = "\"" + city.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            }

            sb.Append(CultureInfo.InvariantCulture, $"{i},SKU-{i * 7919 % 99991:D5},Item number {i},{(i % 1000 / 10.0) + 0.99:F2},{i % 17},{city},note for order line {i}\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private int Convert(byte[] body)
    {
        return FormatConverter.Convert(body, Csv, Json, Options(), out _).Length;
    }

    private FormatOptions Options() => FreshOptions ? new FormatOptions() : SharedOptions;
}
