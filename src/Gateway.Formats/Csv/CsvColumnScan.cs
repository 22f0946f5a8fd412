using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// The first of two passes over an input for CSV output with <see cref="CsvHeaderPolicy.Union"/>: every field of
/// every record, flattened as the CSV writer flattens them, in the order first seen. The second pass writes with
/// <see cref="CsvHeaderPolicy.Columns"/> and this list, so a file of any size gets every column in bounded memory.
/// </summary>
public static class CsvColumnScan
{
    /// <summary>Reads every record of <paramref name="reader"/> and returns the union of their columns.</summary>
    public static List<string> Union(IRecordReader reader, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var header = new CsvHeader();
        using var flattener = new JsonRecordFlattener(options.MaxDepth);
        long records = 0;
        while (reader.TryRead(out var record))
        {
            flattener.Flatten(record.Span, ++records, header);
        }

        return [.. header.Names.Select(name => Encoding.UTF8.GetString(name))];
    }
}
