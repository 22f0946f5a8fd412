namespace Gateway.Transports.Files;

/// <summary>
/// Finds where a CSV record ends: at a line feed outside quotes. A quoted field may hold line breaks, and a doubled
/// quote inside quotes toggles the state twice, so counting quotes is enough for RFC 4180 text.
/// </summary>
internal static class CsvRecordBoundary
{
    /// <summary>
    /// The length of the first record of <paramref name="data"/> with its line ending, or -1 when no record ends in
    /// it; <paramref name="inQuotes"/> carries the state across chunks (start with false).
    /// </summary>
    public static int FirstRecordLength(ReadOnlySpan<byte> data, ref bool inQuotes)
    {
        for (var i = 0; i < data.Length; i++)
        {
            var c = data[i];
            if (c == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (c == (byte)'\n' && !inQuotes)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The length of the header record of a CSV body, or -1 when the body has no complete record.</summary>
    public static int HeaderLength(ReadOnlySpan<byte> body)
    {
        var inQuotes = false;
        return FirstRecordLength(body, ref inQuotes);
    }
}
