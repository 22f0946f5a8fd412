namespace Gateway.Core.Formats;

/// <summary>
/// Converts a document from one format to another by streaming it record by record through the canonical form:
/// memory stays bounded by the largest record, not the document.
/// </summary>
public static class FormatConverter
{
    /// <summary>Converts <paramref name="input"/> into <paramref name="output"/>; returns the number of records.</summary>
    public static long Convert(Stream input, DataFormat from, Stream output, DataFormat to, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        using var reader = from.CreateReader(input, options);
        using var writer = to.CreateWriter(output, options);
        return Copy(reader, writer);
    }

    /// <summary>Converts an in-memory body; the result is a new array.</summary>
    public static byte[] Convert(ReadOnlyMemory<byte> body, DataFormat from, DataFormat to, FormatOptions options, out long records)
    {
        using var input = new ReadOnlyMemoryStream(body);
        using var output = new MemoryStream(Math.Max(256, body.Length));
        records = Convert(input, from, output, to, options);
        return output.ToArray();
    }

    /// <summary>
    /// Reads every record of an in-memory body without writing it anywhere: the number of records, or a
    /// <see cref="FormatReadException"/> naming where the body is malformed.
    /// </summary>
    public static long CountRecords(ReadOnlyMemory<byte> body, DataFormat format, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(format);
        using var input = new ReadOnlyMemoryStream(body);
        using var reader = format.CreateReader(input, options);
        long count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        return count;
    }

    /// <summary>Moves every record of <paramref name="reader"/> into <paramref name="writer"/>.</summary>
    public static long Copy(IRecordReader reader, IRecordWriter writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        long count = 0;
        var hasFirst = reader.TryRead(out var record);
        writer.Begin(reader.IsSequence);
        if (hasFirst)
        {
            do
            {
                writer.Write(record.Span);
                count++;
            }
            while (reader.TryRead(out record));
        }

        writer.Complete();
        return count;
    }
}
