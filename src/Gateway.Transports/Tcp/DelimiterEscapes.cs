using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Gateway.Transports.Tcp;

/// <summary>
/// Reads a frame delimiter written in configuration: text with the escapes <c>\n</c>, <c>\r</c>, <c>\t</c>,
/// <c>\0</c>, <c>\\</c> and <c>\xHH</c> (one byte in hex); every other character stands for its UTF-8 bytes.
/// </summary>
internal static class DelimiterEscapes
{
    /// <summary>The longest delimiter in bytes: it is searched for in every frame and kept on the stack.</summary>
    public const int MaxLength = 64;

    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = null;
        if (string.IsNullOrEmpty(text))
        {
            error = @"is empty; give at least one byte, for example \n, \r\n, \0 or \x1E.";
            return false;
        }

        var buffer = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                    ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
                buffer.AddRange(utf8[..length]);
                continue;
            }

            if (i + 1 == text.Length)
            {
                error = @"ends with a lone backslash; write \\ for a backslash.";
                return false;
            }

            var escape = text[++i];
            switch (escape)
            {
                case 'n': buffer.Add((byte)'\n'); break;
                case 'r': buffer.Add((byte)'\r'); break;
                case 't': buffer.Add((byte)'\t'); break;
                case '0': buffer.Add(0); break;
                case '\\': buffer.Add((byte)'\\'); break;
                case 'x' when i + 2 < text.Length
                    && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value):
                    buffer.Add(value);
                    i += 2;
                    break;
                case 'x':
                    error = @$"has \x at position {i} without two hex digits after it (write \x1E for the byte 0x1E).";
                    return false;
                default:
                    error = @$"has the unknown escape \{escape} at position {i}; the escapes are \n \r \t \0 \\ and \xHH.";
                    return false;
            }
        }

        if (buffer.Count > MaxLength)
        {
            error = $"is {buffer.Count} bytes long; a delimiter has at most {MaxLength}.";
            return false;
        }

        bytes = [.. buffer];
        error = null;
        return true;
    }

    /// <summary>The delimiter as people write it in configuration (<c>\r\n</c>, <c>\x1E</c>), for messages.</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b switch
            {
                (byte)'\n' => @"\n",
                (byte)'\r' => @"\r",
                (byte)'\t' => @"\t",
                0 => @"\0",
                (byte)'\\' => @"\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $@"\x{b:X2}",
            });
        }

        return text.ToString();
    }
}
