using System.Text;

namespace Gateway.Formats.Json;

/// <summary>
/// Unescapes the text of a JSON string that <see cref="JsonSyntaxCheck"/> proved valid: the two-character escapes
/// and <c>\u</c> escapes of code points outside the surrogate range (the check leaves surrogate escapes to
/// <see cref="System.Text.Json.Utf8JsonReader"/>). The result is never longer than the escaped text.
/// </summary>
internal static class JsonUnescape
{
    /// <summary>Writes the unescaped UTF-8 of <paramref name="escaped"/> into <paramref name="destination"/>; returns its length.</summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var at = escaped.IndexOf((byte)'\\');
            var run = at < 0 ? escaped : escaped[..at];
            run.CopyTo(destination[written..]);
            written += run.Length;
            if (at < 0)
            {
                return written;
            }

            var kind = escaped[at + 1];
            if (kind == 'u')
            {
                var rune = new Rune(HexValue(escaped.Slice(at + 2, 4)));
                written += rune.EncodeToUtf8(destination[written..]);
                escaped = escaped[(at + 6)..];
                continue;
            }

            destination[written++] = kind switch
            {
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => kind, // '"', '\\' and '/' stand for themselves.
            };
            escaped = escaped[(at + 2)..];
        }
    }

    private static int HexValue(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }
}
