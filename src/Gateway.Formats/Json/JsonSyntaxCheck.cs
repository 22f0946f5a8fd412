using System.Text.Json;

namespace Gateway.Formats.Json;

/// <summary>
/// A fast, strict check that a span is exactly one RFC 8259 JSON value, for readers that must validate a record
/// before handing it on. It accepts only what <see cref="System.Text.Json.Utf8JsonReader"/> accepts (no comments,
/// no trailing commas) and gives up on anything it is unsure of: a <c>\u</c> escape of a surrogate, or nesting near
/// the depth limit. So false means "not proven valid": the caller runs the reader, which decides and words the error.
/// Along the way it checks the UTF-8 inside strings (every other byte of a valid value is ASCII), so a caller told
/// that a value's UTF-8 is valid needs no pass of its own.
/// </summary>
internal static class JsonSyntaxCheck
{
    /// <summary>Whether <paramref name="json"/> is certainly one valid JSON value, with whitespace around it at most.</summary>
    public static bool IsValid(ReadOnlySpan<byte> json, int maxDepth)
    {
        var sink = default(NoTokenSink);
        var utf8Valid = true;
        return Scan(json, maxDepth, whole: true, ref sink, ref utf8Valid) >= 0;
    }

    /// <summary>
    /// <see cref="IsValid(ReadOnlySpan{byte}, int)"/>, recording the tokens on <paramref name="tape"/> (complete only
    /// when true); <paramref name="utf8Valid"/> tells, when true is returned, whether all of <paramref name="json"/>
    /// is valid UTF-8.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> json, int maxDepth, JsonTape tape, out bool utf8Valid)
    {
        tape.Start();
        var sink = new TapeTokenSink(tape);
        utf8Valid = true;
        return Scan(json, maxDepth, whole: true, ref sink, ref utf8Valid) >= 0;
    }

    /// <summary>
    /// The index just after the valid JSON value that starts <paramref name="json"/> (after whitespace), or -1 when
    /// the value is not certainly valid or may go on past the end of the span (a number or literal that reaches it).
    /// </summary>
    public static int ValueEnd(ReadOnlySpan<byte> json, int maxDepth)
    {
        var sink = default(NoTokenSink);
        var utf8Valid = true;
        var end = Scan(json, maxDepth, whole: false, ref sink, ref utf8Valid);
        return end < json.Length ? end : -1;
    }

    /// <summary>
    /// <see cref="ValueEnd(ReadOnlySpan{byte}, int)"/>, recording the tokens on <paramref name="tape"/> at positions
    /// relative to <paramref name="json"/> (complete only when the value is proven valid); <paramref name="utf8Valid"/>
    /// tells, for a value proven valid, whether its bytes are valid UTF-8.
    /// </summary>
    public static int ValueEnd(ReadOnlySpan<byte> json, int maxDepth, JsonTape tape, out bool utf8Valid)
    {
        tape.Start();
        var sink = new TapeTokenSink(tape);
        utf8Valid = true;
        var end = Scan(json, maxDepth, whole: false, ref sink, ref utf8Valid);
        return end < json.Length ? end : -1;
    }

    private static int Scan<TSink>(ReadOnlySpan<byte> json, int maxDepth, bool whole, ref TSink sink, ref bool utf8Valid)
        where TSink : struct, IJsonTokenSink
    {
        // Containers open below this depth only (a bit per level records whether it is an array); deeper nesting
        // is left to the reader, which knows its own limit exactly.
        var limit = Math.Min(maxDepth <= 0 ? 64 : maxDepth, 63);
        ulong arrays = 0;
        var depth = 0;
        var i = 0;

    Value:
        i = SkipWhitespace(json, i);
        if (i >= json.Length)
        {
            return -1;
        }

        switch (json[i])
        {
            case (byte)'{':
            case (byte)'[':
                var isArray = json[i] == '[';
                if (++depth >= limit)
                {
                    return -1;
                }

                arrays = (arrays << 1) | (isArray ? 1UL : 0UL);
                sink.Token(isArray ? JsonTokenType.StartArray : JsonTokenType.StartObject, i, 1, escaped: false);
                i = SkipWhitespace(json, i + 1);
                if (i < json.Length && json[i] == (isArray ? ']' : '}'))
                {
                    sink.Token(isArray ? JsonTokenType.EndArray : JsonTokenType.EndObject, i, 1, escaped: false);
                    i++;
                    depth--;
                    arrays >>= 1;
                    goto AfterValue;
                }

                if (isArray)
                {
                    goto Value;
                }

                goto Member;
            case (byte)'"':
                var stringStart = i + 1;
                i = JsonStringScan.Skip(json, i, out var escaped, ref utf8Valid);
                if (i > 0)
                {
                    sink.Token(JsonTokenType.String, stringStart, i - 1 - stringStart, escaped);
                }

                break;
            case (byte)'t':
                sink.Token(JsonTokenType.True, i, 4, escaped: false);
                i = json[i..].StartsWith("true"u8) ? i + 4 : -1;
                break;
            case (byte)'f':
                sink.Token(JsonTokenType.False, i, 5, escaped: false);
                i = json[i..].StartsWith("false"u8) ? i + 5 : -1;
                break;
            case (byte)'n':
                sink.Token(JsonTokenType.Null, i, 4, escaped: false);
                i = json[i..].StartsWith("null"u8) ? i + 4 : -1;
                break;
            default:
                var numberStart = i;
                i = SkipNumber(json, i);
                sink.Token(JsonTokenType.Number, numberStart, i - numberStart, escaped: false);
                break;
        }

        if (i < 0)
        {
            return -1;
        }

    AfterValue:
        if (depth == 0 && !whole)
        {
            return i;
        }

        i = SkipWhitespace(json, i);
        if (depth == 0)
        {
            return i == json.Length ? i : -1;
        }

        if (i >= json.Length)
        {
            return -1;
        }

        var inArray = (arrays & 1) != 0;
        var next = json[i++];
        if (next == ',')
        {
            if (inArray)
            {
                goto Value;
            }

            i = SkipWhitespace(json, i);
            goto Member;
        }

        if (next != (inArray ? ']' : '}'))
        {
            return -1;
        }

        sink.Token(inArray ? JsonTokenType.EndArray : JsonTokenType.EndObject, i - 1, 1, escaped: false);
        depth--;
        arrays >>= 1;
        goto AfterValue;

    Member:
        // A property name, a colon, then its value.
        if (i >= json.Length || json[i] != '"')
        {
            return -1;
        }

        var nameStart = i + 1;
        i = JsonStringScan.Skip(json, i, out var nameEscaped, ref utf8Valid);
        if (i < 0)
        {
            return -1;
        }

        sink.Token(JsonTokenType.PropertyName, nameStart, i - 1 - nameStart, nameEscaped);
        i = SkipWhitespace(json, i);
        if (i >= json.Length || json[i] != ':')
        {
            return -1;
        }

        i++;
        goto Value;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    /// <summary>The index after the number at <paramref name="i"/>: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, or -1.</summary>
    private static int SkipNumber(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return -1;
        }

        i = json[i] == '0' ? i + 1 : SkipDigits(json, i);
        if (i < json.Length && json[i] == '.')
        {
            var start = ++i;
            i = SkipDigits(json, i);
            if (i == start)
            {
                return -1;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var start = i;
            i = SkipDigits(json, i);
            if (i == start)
            {
                return -1;
            }
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }
}
