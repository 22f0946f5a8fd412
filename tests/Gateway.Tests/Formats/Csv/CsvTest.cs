using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// Asserts that two JSON texts hold the same value: objects compare as sets of properties, arrays in order, and
    /// numbers by their exact text (so <c>1.10</c> is not <c>1.1</c>).
    /// </summary>
    public static void AssertJsonEqual(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        var difference = Difference(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.Order(StringComparer.Ordinal).SequenceEqual(actualNames.Order(StringComparer.Ordinal)))
                {
                    return $"{path}: expected keys [{string.Join(", ", names)}], got [{string.Join(", ", actualNames)}]";
                }

                foreach (var name in names)
                {
                    var d = Difference(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    var d = Difference(expected[i], actual[i], $"{path}[{i}]");
                    if (d is not null)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
