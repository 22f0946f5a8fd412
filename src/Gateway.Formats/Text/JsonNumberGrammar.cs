using System.Numerics;

namespace Gateway.Formats.Text;

/// <summary>
/// The JSON number grammar (RFC 8259), over UTF-8 bytes (CSV cells) or UTF-16 chars (XML text) alike, so type
/// inference keeps a number's exact text: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.
/// <c>08123</c>, <c>+1</c>, <c>1.</c>, <c>.5</c>, <c>NaN</c> and surrounding spaces are not numbers.
/// </summary>
internal static class JsonNumberGrammar
{
    public static bool IsNumber<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        var i = 0;
        if (i < text.Length && Is(text[i], '-'))
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (Is(text[i], '0'))
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

        if (i < text.Length && Is(text[i], '.'))
        {
            var start = ++i;
            i = SkipDigits(text, i);
            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && (Is(text[i], 'e') || Is(text[i], 'E')))
        {
            i++;
            if (i < text.Length && (Is(text[i], '+') || Is(text[i], '-')))
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

    private static bool Is<T>(T value, char c)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(value) == c;

    private static bool IsDigit<T>(T value)
        where T : unmanaged, IBinaryInteger<T> => (uint)(int.CreateTruncating(value) - '0') <= 9;

    private static int SkipDigits<T>(ReadOnlySpan<T> text, int i)
        where T : unmanaged, IBinaryInteger<T>
    {
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
