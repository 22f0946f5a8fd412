namespace Gateway.Formats.Csv;

/// <summary>Recognizes the JSON literals that type inference turns cells into (RFC 8259 grammar, exactly).</summary>
internal static class JsonLiteral
{
    /// <summary>
    /// Whether <paramref name="text"/> is a JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.
    /// <c>08123</c>, <c>+1</c>, <c>1.</c>, <c>.5</c>, <c>NaN</c> and surrounding spaces are not, so such cells stay strings.
    /// </summary>
    public static bool IsNumber(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else if (IsDigit(text[i]))
        {
            i = SkipDigits(text, i);
        }
        else
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            var start = ++i;
            i = SkipDigits(text, i);
            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            var start = i;
            i = SkipDigits(text, i);
            if (i == start)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Whether <paramref name="text"/> is exactly <c>true</c> (inference is case-sensitive, as JSON is).</summary>
    public static bool IsTrue(ReadOnlySpan<byte> text) => text.SequenceEqual("true"u8);

    /// <summary>Whether <paramref name="text"/> is exactly <c>false</c>.</summary>
    public static bool IsFalse(ReadOnlySpan<byte> text) => text.SequenceEqual("false"u8);

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipDigits(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
