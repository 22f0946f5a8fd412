using System.Text;
using System.Text.Json;
using CsCheck;
using Gateway.Core.Json;
using Gateway.Formats.Json;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// The tape the quick syntax check records must say exactly what <see cref="Utf8JsonReader"/> reads: the same tokens,
/// values, escape flags and positions, and the same unescaped text. Writers walk the tape instead of the reader.
/// </summary>
public class JsonTapePropertyTests
{
    private const int MaxDepth = 8;

    [Fact]
    public void A_proven_value_has_the_tokens_the_reader_reads() =>
        JsonTapeGenerators.Damaged(JsonTapeGenerators.Value(4)).Sample(text =>
        {
            var json = Encoding.UTF8.GetBytes(text);
            var tape = new JsonTape();
            if (!JsonSyntaxCheck.IsValid(json, MaxDepth, tape, out _))
            {
                return;
            }

            var expected = ReadWithReader(json);
            var actual = ReadFromTape(json, tape);
            Assert.True(expected == actual, $"json: {text}\nreader: {expected}\ntape: {actual}");
        }, iter: 5000);

    [Fact]
    public void ValueEnd_records_the_tokens_of_the_value_it_ends() =>
        Gen.Select(JsonTapeGenerators.Value(3), Gen.OneOf(",", " ]", ",{\"a\":1}")).Sample((value, after) =>
        {
            var json = Encoding.UTF8.GetBytes(value + after);
            var tape = new JsonTape();
            var end = JsonSyntaxCheck.ValueEnd(json, MaxDepth, tape, out _);
            if (end < 0)
            {
                return;
            }

            Assert.Equal(ReadWithReader(json.AsSpan(0, end)), ReadFromTape(json.AsSpan(0, end), tape));
        }, iter: 2000);

    [Fact]
    public void The_tape_tracks_the_deepest_nesting()
    {
        var tape = new JsonTape();
        Assert.True(JsonSyntaxCheck.IsValid("{\"a\":[1,{\"b\":[]}],\"c\":{}}"u8, MaxDepth, tape, out _));
        Assert.Equal(4, tape.Depth);
    }

    [Fact]
    public void A_value_left_to_the_reader_has_no_tape()
    {
        var tape = new JsonTape();

        // A surrogate escape: valid JSON, but the quick check leaves it to the reader.
        Assert.False(JsonSyntaxCheck.IsValid("{\"a\":\"\\ud83d\\ude00\"}"u8, MaxDepth, tape, out _));
    }

    private static string ReadWithReader(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, CanonicalJson.ReaderOptions(MaxDepth));
        var tokens = new StringBuilder();
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex + (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? 1 : 0);
            var value = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number
                ? Encoding.UTF8.GetString(reader.ValueSpan)
                : string.Empty;
            var unescaped = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? Unescaped(ref reader) : string.Empty;
            tokens.Append(Describe(reader.TokenType, start, value, reader.ValueIsEscaped, unescaped));
        }

        return tokens.ToString();
    }

    private static string ReadFromTape(ReadOnlySpan<byte> json, JsonTape tape)
    {
        var tokens = new TapeTokens(json, tape);
        var text = new StringBuilder();
        while (tokens.Read())
        {
            var value = tokens.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number
                ? Encoding.UTF8.GetString(tokens.ValueSpan)
                : string.Empty;
            var unescaped = string.Empty;
            if (tokens.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                var buffer = new byte[tokens.ValueSpan.Length];
                unescaped = Encoding.UTF8.GetString(buffer, 0, tokens.CopyString(buffer));
            }

            var start = tokens.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number ? tokens.ValueStart : -1;
            text.Append(Describe(tokens.TokenType, start, value, tokens.ValueIsEscaped, unescaped));
        }

        return text.ToString();
    }

    private static string Unescaped(ref Utf8JsonReader reader)
    {
        var buffer = new byte[reader.ValueSpan.Length];
        return Encoding.UTF8.GetString(buffer, 0, reader.CopyString(buffer));
    }

    // Containers are compared by type only: their positions are not part of what writers use.
    private static string Describe(JsonTokenType type, int start, string value, bool escaped, string unescaped) =>
        type is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number
            ? $"{type}@{start}[{value}|{escaped}|{unescaped}] "
            : $"{type} ";
}
