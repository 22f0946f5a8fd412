using System.Text;
using System.Text.Json;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Ndjson;

/// <summary>
/// The NDJSON reader checks most lines with a quick syntax scan and leaves the rest to Utf8JsonReader: either way a
/// line must be accepted exactly when Utf8JsonReader accepts it as one value, and kept byte for byte.
/// </summary>
public class NdjsonValidationPropertyTests
{
    private static readonly NdjsonFormat Ndjson = new();

    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.OneOf("{", "}", "[", "]", ",", ":", " ", "\t", "\r", "\"", "\\", "\"a\"", "\"k\":", "\"\\n\"", "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\u12\"", "\"\\x\"", "\"\u0001\"", "\"é\"", "\"\\/\""),
        Gen.OneOf("0", "-0", "1", "-1", "01", "1.5", "1.", ".5", "1e5", "1E+5", "1e", "-", "2.0e-3", "1.5.2", "+1"),
        Gen.OneOf("true", "false", "null", "tru", "nul", "falsey", "True", "NaN", "x", "/*c*/", "//"));

    private static readonly Gen<string> Line = Gen.Frequency(
        (1, Piece.Array[1, 12].Select(string.Concat)),
        (2, Gen.Int[1, 4].SelectMany(depth => Piece.Array[1, 6].Select(inner =>
            string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + string.Concat(inner) + string.Concat(Enumerable.Repeat("]}", depth))))));

    [Fact]
    public void A_line_is_accepted_exactly_when_Utf8JsonReader_reads_one_value()
    {
        Gen.Select(Line, Gen.Int[1, 6]).Sample(
            sample =>
            {
                var (line, maxDepth) = sample;
                var options = new FormatOptions { MaxDepth = maxDepth };
                var trimmed = line.Trim(' ', '\t', '\r');
                var expected = IsOneValue(trimmed, maxDepth);
                using var reader = Ndjson.CreateReader(new MemoryStream(Encoding.UTF8.GetBytes(line)), options);
                try
                {
                    var read = reader.TryRead(out var record);

                    // A blank line is skipped, not a record.
                    Assert.True(expected || trimmed.Length == 0, $"accepted {line}");
                    Assert.Equal(trimmed.Length > 0, read);
                    Assert.Equal(trimmed, Encoding.UTF8.GetString(record.Span));
                }
                catch (FormatReadException)
                {
                    Assert.False(expected, $"rejected {line}");
                }
            },
            iter: 5000);
    }

    private static bool IsOneValue(string text, int maxDepth)
    {
        if (text.Length == 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = maxDepth });
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
