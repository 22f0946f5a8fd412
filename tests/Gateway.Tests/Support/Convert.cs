using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Tests;

/// <summary>Test shorthand: convert a string between two formats.</summary>
internal static class Convert
{
    public static string Text(string input, DataFormat from, DataFormat to, FormatOptions? options = null, int chunkSize = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        using Stream source = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var output = new MemoryStream();
        FormatConverter.Convert(source, from, output, to, options ?? new FormatOptions());
        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static List<string> Records(string input, DataFormat from, FormatOptions? options = null, int chunkSize = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        using Stream source = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var reader = from.CreateReader(source, options ?? new FormatOptions());
        var records = new List<string>();
        while (reader.TryRead(out var record))
        {
            records.Add(Encoding.UTF8.GetString(record.Span));
        }

        return records;
    }
}
