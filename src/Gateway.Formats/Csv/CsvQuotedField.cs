namespace Gateway.Formats.Csv;

/// <summary>
/// Decodes quoted fields that contain escaped quotes (<c>"say ""hi"""</c>) into a buffer the reader keeps. The
/// parser decodes those into a new array of its own for every document, which is most of what a small document
/// allocates while it is read. Only well-formed fields are decoded here (every quote inside doubled), which is
/// what RFC 4180 reads unambiguously; anything else is left to the parser, which knows how it recovers.
/// </summary>
internal static class CsvQuotedField
{
    private const byte Quote = (byte)'"';

    /// <summary>
    /// The value of <paramref name="raw"/>, a field as it is in the input, when it is quoted and has escaped quotes
    /// inside; written to <paramref name="target"/>, so it is valid until the next call. False for any other field.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> raw, PooledByteBuffer target, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (raw.Length < 4 || raw[0] != Quote || raw[^1] != Quote)
        {
            return false;
        }

        var inner = raw[1..^1];
        var quote = inner.IndexOf(Quote);
        if (quote < 0)
        {
            // Nothing to unescape: the parser returns a slice of its buffer without copying.
            return false;
        }

        target.Clear();
        var output = target.GetSpan(inner.Length);
        var length = 0;
        while (quote >= 0)
        {
            // Each quote inside must be the first of a pair; a lone one is malformed and left to the parser.
            if (quote + 1 >= inner.Length || inner[quote + 1] != Quote)
            {
                return false;
            }

            inner[..(quote + 1)].CopyTo(output[length..]);
            length += quote + 1;
            inner = inner[(quote + 2)..];
            quote = inner.IndexOf(Quote);
        }

        inner.CopyTo(output[length..]);
        length += inner.Length;
        value = output[..length];
        return true;
    }
}
