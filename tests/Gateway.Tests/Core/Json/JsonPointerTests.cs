using System.Text.Json;
using CsCheck;
using Gateway.Core.Json;

namespace Gateway.Tests.Core.Json;

public class JsonPointerTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("/", new[] { "" })]
    [InlineData("/a/b", new[] { "a", "b" })]
    [InlineData("/a~1b/c~0d", new[] { "a/b", "c~d" })]
    [InlineData("/~01", new[] { "~1" })]
    [InlineData("/lines/0/qty", new[] { "lines", "0", "qty" })]
    public void Parses_tokens_with_rfc6901_escapes(string text, string[] tokens)
    {
        var pointer = JsonPointer.Parse(text);
        Assert.Equal(tokens, pointer.Tokens);
        Assert.Equal(text, pointer.Text);
        Assert.Equal(text.Length == 0, pointer.IsRoot);
    }

    [Theory]
    [InlineData("a/b", "must start with '/'")]
    [InlineData("/a~", "'~' must be followed by 0")]
    [InlineData("/a~2", "'~' must be followed by 0")]
    public void Rejects_malformed_pointers_saying_why(string text, string reason)
    {
        Assert.False(JsonPointer.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => JsonPointer.Parse(text));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    [InlineData("01", -1)]
    [InlineData("-", -1)]
    [InlineData("", -1)]
    [InlineData("1a", -1)]
    [InlineData("99999999999", -1)]
    public void Array_indices_follow_rfc6901(string token, int expected)
    {
        Assert.Equal(expected >= 0, JsonPointer.TryGetArrayIndex(token, out var index));
        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("", """{"a":{"b":[10,20]},"c/d":1,"":2}""")]
    [InlineData("/a/b/1", "20")]
    [InlineData("/c~1d", "1")]
    [InlineData("/", "2")]
    public void Evaluates_against_a_document(string text, string expected)
    {
        using var document = JsonDocument.Parse("""{"a":{"b":[10,20]},"c/d":1,"":2}""");
        Assert.True(JsonPointer.Parse(text).TryEvaluate(document.RootElement, out var value));
        Assert.Equal(expected, value.GetRawText());
    }

    [Theory]
    [InlineData("/x")]
    [InlineData("/a/b/2")]
    [InlineData("/a/b/-")]
    [InlineData("/a/b/01")]
    [InlineData("/c~1d/e")]
    public void Missing_values_are_not_found(string text)
    {
        using var document = JsonDocument.Parse("""{"a":{"b":[10,20]},"c/d":1}""");
        Assert.False(JsonPointer.Parse(text).TryEvaluate(document.RootElement, out _));
    }

    [Fact]
    public void Escaped_tokens_parse_back_to_themselves()
    {
        Gen.String[Gen.Char["ab~/0 1"], 0, 8].Array[1, 4].Sample(
            tokens =>
            {
                var text = string.Concat(tokens.Select(t => "/" + JsonPointer.Escape(t)));
                Assert.Equal(tokens, JsonPointer.Parse(text).Tokens);
            },
            iter: 1000);
    }
}
