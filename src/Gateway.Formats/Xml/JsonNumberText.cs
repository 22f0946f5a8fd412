namespace Gateway.Formats.Xml;

/// <summary>Recognizes JSON number literals (RFC 8259 grammar), so inferred numbers keep their exact text.</summary>
internal static class JsonNumberText
{
    /// <summary>True when <paramref name="text"/> is exactly a JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    public static bool IsNumber(ReadOnlySpan<char> text)
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
        else if (char.IsAsciiDigit(text[i]))
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

    private static int SkipDigits(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
