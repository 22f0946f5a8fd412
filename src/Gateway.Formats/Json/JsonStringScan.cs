using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gateway.Formats.Json;

/// <summary>
/// Skips the JSON strings of <see cref="JsonSyntaxCheck"/> and checks the UTF-8 inside them on the way. Most keys
/// and values are a few bytes long, so the search for the end of a run of plain text looks at 16 bytes at a time
/// from where the string starts (one compare, no call), instead of a general search over the rest of the buffer.
/// Non-ASCII text stops the search too and each of its sequences is checked where it stands, so that a record
/// proven valid needs no second pass over its bytes to check its UTF-8.
/// </summary>
internal static class JsonStringScan
{
    /// <summary>
    /// The index after the string that starts at <paramref name="i"/> (its opening quote), or -1; whether it holds an
    /// escape. <paramref name="utf8Valid"/> becomes false when the string holds bytes that are not valid UTF-8 (the
    /// string still counts as skipped: judging the bytes is left to the caller's UTF-8 check).
    /// </summary>
    public static int Skip(ReadOnlySpan<byte> json, int i, out bool escaped, ref bool utf8Valid)
    {
        escaped = false;
        i++;
        while (true)
        {
            i = PlainEnd(json, i);
            if (i >= json.Length)
            {
                return -1;
            }

            var b = json[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b >= 0x80)
            {
                var length = Utf8SequenceLength(json, i);
                if (length == 0)
                {
                    utf8Valid = false;
                    length = 1;
                }

                i += length;
                continue;
            }

            if (b != '\\' || i + 1 >= json.Length)
            {
                return -1;
            }

            escaped = true;
            switch (json[i + 1])
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                case (byte)'b':
                case (byte)'f':
                case (byte)'n':
                case (byte)'r':
                case (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    if (!IsPlainCodeUnit(json, i + 2))
                    {
                        return -1;
                    }

                    i += 6;
                    break;
                default:
                    return -1;
            }
        }
    }

    /// <summary>
    /// The length of the valid UTF-8 sequence of a non-ASCII character at <paramref name="i"/>, or 0 when the bytes
    /// there are not one (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short):
    /// exactly the sequences <see cref="System.Text.Unicode.Utf8.IsValid"/> accepts.
    /// </summary>
    internal static int Utf8SequenceLength(ReadOnlySpan<byte> text, int i)
    {
        var lead = text[i];
        if (lead < 0xC2 || lead > 0xF4)
        {
            // ASCII is not asked about; 80-BF continue a sequence, C0-C1 only start overlong ones, F5-FF start none.
            return 0;
        }

        var length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + length > text.Length)
        {
            return 0;
        }

        // The second byte's range depends on the lead: it rules out overlong forms, surrogates and code points past U+10FFFF.
        var second = text[i + 1];
        var (low, high) = lead switch
        {
            0xE0 => (0xA0, 0xBF),
            0xED => (0x80, 0x9F),
            0xF0 => (0x90, 0xBF),
            0xF4 => (0x80, 0x8F),
            _ => (0x80, 0xBF),
        };
        if (second < low || second > high)
        {
            return 0;
        }

        for (var k = i + 2; k < i + length; k++)
        {
            if ((text[k] & 0xC0) != 0x80)
            {
                return 0;
            }
        }

        return length;
    }

    /// <summary>The index of the first byte from <paramref name="i"/> on that ends plain string text (quote, backslash, control, non-ASCII), or the length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlainEnd(ReadOnlySpan<byte> json, int i)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(json);
            while (i <= json.Length - Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref start, (nuint)i);

                // As signed bytes, control characters and non-ASCII bytes are exactly those below a space.
                var stops = Vector128.LessThan(bytes.AsSByte(), Vector128.Create((sbyte)' ')).AsByte()
                    | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'));
                if (stops != Vector128<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
                }

                i += Vector128<byte>.Count;
            }
        }

        while (i < json.Length && json[i] is >= (byte)' ' and < 0x80 and not (byte)'"' and not (byte)'\\')
        {
            i++;
        }

        return i;
    }

    /// <summary>Four hex digits at <paramref name="i"/> that are not a surrogate (those are left to the reader).</summary>
    private static bool IsPlainCodeUnit(ReadOnlySpan<byte> json, int i)
    {
        if (i + 4 > json.Length)
        {
            return false;
        }

        var value = 0;
        for (var k = i; k < i + 4; k++)
        {
            var digit = HexValue(json[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return value is < 0xD800 or > 0xDFFF;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
