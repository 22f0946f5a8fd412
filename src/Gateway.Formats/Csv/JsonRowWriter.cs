using System.Buffers;
using System.Runtime.CompilerServices;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes the JSON of one row straight into a span sized for the row's worst case, with no per-call checks beyond
/// the span's bounds. A row's shape is fixed by the header (property names, commas and brackets are precomputed),
/// so what remains per cell is copying its text and escaping the few bytes JSON requires: measured, this is several
/// times faster than a <see cref="System.Text.Json.Utf8JsonWriter"/> call per property and value.
/// </summary>
internal ref struct JsonRowWriter(Span<byte> span)
{
    /// <summary>The bytes a JSON string cannot hold as they are: quote, backslash and control characters.</summary>
    public static readonly SearchValues<byte> NeedsEscaping = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    private readonly Span<byte> _span = span;
    private int _position;

    public readonly int Position => _position;

    /// <summary>How many bytes of <paramref name="utf8"/> a JSON string must escape.</summary>
    public static int CountEscapes(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        for (var at = utf8.IndexOfAny(NeedsEscaping); at >= 0; at = utf8.IndexOfAny(NeedsEscaping))
        {
            count++;
            utf8 = utf8[(at + 1)..];
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes <paramref name="utf8"/> (valid UTF-8) as a JSON string, quotes included.</summary>
    public void String(ReadOnlySpan<byte> utf8, bool mayNeedEscaping)
    {
        _span[_position++] = (byte)'"';
        StringContent(utf8, mayNeedEscaping);
        _span[_position++] = (byte)'"';
    }

    /// <summary>Writes the text of a JSON string without its quotes; <paramref name="mayNeedEscaping"/> false skips the search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StringContent(ReadOnlySpan<byte> utf8, bool mayNeedEscaping)
    {
        if (mayNeedEscaping)
        {
            Escaped(utf8);
        }
        else
        {
            Raw(utf8);
        }
    }

    private void Escaped(ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            var at = utf8.IndexOfAny(NeedsEscaping);
            if (at < 0)
            {
                break;
            }

            Raw(utf8[..at]);
            Escape(utf8[at]);
            utf8 = utf8[(at + 1)..];
        }

        Raw(utf8);
    }

    private void Escape(byte b)
    {
        _span[_position++] = (byte)'\\';
        switch (b)
        {
            case (byte)'"':
            case (byte)'\\':
                _span[_position++] = b;
                break;
            case (byte)'\n':
                _span[_position++] = (byte)'n';
                break;
            case (byte)'\r':
                _span[_position++] = (byte)'r';
                break;
            case (byte)'\t':
                _span[_position++] = (byte)'t';
                break;
            default:
                _span[_position++] = (byte)'u';
                _span[_position++] = (byte)'0';
                _span[_position++] = (byte)'0';
                _span[_position++] = Hex[b >> 4];
                _span[_position++] = Hex[b & 0xF];
                break;
        }
    }
}
