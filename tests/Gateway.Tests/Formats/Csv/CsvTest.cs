using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Shorthand for the CSV tests: read CSV into records, write records as CSV, catch the read errors.</summary>
internal static class CsvTest
{
    public static readonly CsvFormat Format = new();

    /// <summary>The records of <paramref name="csv"/>, as JSON text.</summary>
    public static List<string> Read(string csv, FormatOptions? options = null, int chunkSize = 0)
        => Convert.Records(csv, Format, options, chunkSize);

    /// <summary>The records of <paramref name="csv"/> as one JSON array.</summary>
    public static string ReadArray(string csv, FormatOptions? options = null) => "[" + string.Join(",", Read(csv, options)) + "]";

    /// <summary>Writes the JSON <paramref name="records"/> as CSV.</summary>
    public static string Write(FormatOptions? options, params string[] records)
    {
        using var output = new MemoryStream();
        using (var writer = Format.CreateWriter(output, options ?? new FormatOptions()))
        {
            writer.Begin(isSequence: true);
            foreach (var record in records)
            {
                writer.Write(Encoding.UTF8.GetBytes(record));
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static string Write(params string[] records) => Write(null, records);

    /// <summary>The error of reading <paramref name="csv"/> to the end.</summary>
    public static FormatReadException ReadError(string csv, FormatOptions? options = null)
        => Assert.Throws<FormatReadException>(() => Read(csv, options));

    /// <summary>The error of writing <paramref name="records"/>.</summary>
    public static FormatReadException WriteError(FormatOptions? options, params string[] records)
        => Assert.Throws<FormatReadException>(() => Write(options, records));
}
