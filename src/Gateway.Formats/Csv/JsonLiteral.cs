using Gateway.Formats.Text;

namespace Gateway.Formats.Csv;

/// <summary>Recognizes the JSON literals that type inference turns cells into (RFC 8259 grammar, exactly).</summary>
internal static class JsonLiteral
{
    /// <summary>Whether <paramref name="text"/> is a JSON number (see <see cref="JsonNumberGrammar"/>); other cells stay strings.</summary>
    public static bool IsNumber(ReadOnlySpan<byte> text) => JsonNumberGrammar.IsNumber(text);

    /// <summary>Whether <paramref name="text"/> is exactly <c>true</c> (inference is case-sensitive, as JSON is).</summary>
    public static bool IsTrue(ReadOnlySpan<byte> text) => text.SequenceEqual("true"u8);

    /// <summary>Whether <paramref name="text"/> is exactly <c>false</c>.</summary>
    public static bool IsFalse(ReadOnlySpan<byte> text) => text.SequenceEqual("false"u8);
}
