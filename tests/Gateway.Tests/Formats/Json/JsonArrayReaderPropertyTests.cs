using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Json;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// The JSON reader finds array elements with a quick scanner and reads only doubtful ones with
/// <see cref="Utf8JsonReader"/>. Oracle: one <see cref="Utf8JsonReader"/> over the whole document. For generated
/// arrays, damaged by a stray byte here and there, the records are the elements it sees, and an error is the one it
/// throws, with the same message, record number, line and column, whatever the chunking of the stream.
/// </summary>
public partial class JsonArrayReaderPropertyTests
{
    private const int MaxDepth = 6;

    private static readonly string[] Pieces =
        ["1", "-0.5e3", "01", "1.", "true", "nul", "null", "\"a\"", "\"é\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"x\\q\"",
         "{}", "[]", "{\"a\":1}", "{\"a\" 1}", "[1,[2,[3,[4,[5,[6]]]]]]", "{\"b\":[true,{\"c\":null}]}", "[1,]", "{\"a\":1,}"];

    private static readonly string[] Spaces = ["", "", " ", "\n", "\r\n  ", "\t"];

    private static readonly string[] Strays = ["x", ",", "]", "[", "{", "}", "\"", ":", " ", "\n", "1", "\\"];

    private static readonly Gen<string> Document = Gen.Select(
        Gen.Select(Gen.OneOf(Pieces), Gen.OneOf(Spaces), Gen.OneOf(Spaces), (piece, before, after) => before + piece + after).Array[0, 8],
        Gen.OneOf(Spaces),
        Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 3])),
        Gen.Int[0, 10_000],
        Gen.OneOf(Strays),
        (elements, outer, strays, at, stray) =>
        {
            var text = outer + "[" + string.Join(",", elements) + "]" + outer;
            for (var i = 0; i < strays; i++)
            {
                var position = (at * (i + 7)) % (text.Length + 1);
                text = text.Insert(position, stray);
            }

            return text;
        });

    [Fact]
    public void Records_and_errors_are_those_of_one_reader_over_the_whole_document() =>
        Gen.Select(Document, Gen.OneOf(0, 1, 3, 16)).Sample((document, chunkSize) =>
        {
            // The reader quotes a bad literal with what follows it in its buffer, which depends on the chunking.
            var expected = BadLiteral().Replace(Oracle(document), "'...' is an invalid JSON literal");
            var actual = BadLiteral().Replace(Read(document, chunkSize), "'...' is an invalid JSON literal");
            Assert.True(expected == actual, $"document: {document}\nchunk: {chunkSize}\nreader: {expected}\nactual: {actual}");
        }, iter: 5000);

    /// <summary>The elements a single reader sees, or its error located as the JSON reader words locations.</summary>
    private static string Oracle(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var reader = new Utf8JsonReader(bytes, CanonicalJson.ReaderOptions(MaxDepth));
        var records = new StringBuilder();
        var count = 0;
        long start = 0;
        var inArray = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return "not an array";
            }

            inArray = true;
            while (reader.Read() && reader.CurrentDepth >= 1)
            {
                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    start = reader.TokenStartIndex;
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType != JsonTokenType.PropertyName)
                {
                    var end = reader.BytesConsumed;
                    var from = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray ? start : reader.TokenStartIndex;
                    records.Append(Encoding.UTF8.GetString(bytes.AsSpan((int)from, (int)(end - from)))).Append('|');
                    count++;
                }
            }

            // The array ended; what follows it is the reader's business beyond this oracle.
            return reader.TokenType == JsonTokenType.EndArray ? records.ToString() : "not an array";
        }
        catch (JsonException) when (!inArray)
        {
            return "not an array";
        }
        catch (JsonException ex)
        {
            var message = ex.Message[..ex.Message.IndexOf(" LineNumber:", StringComparison.Ordinal)].TrimEnd('.');
            return $"error: Invalid JSON: {message} (record {count + 1}, line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1})";
        }
    }

    private static string Read(string document, int chunkSize)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        using Stream input = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var reader = new JsonFormat().CreateReader(input, new FormatOptions { MaxDepth = MaxDepth });
        var records = new StringBuilder();
        try
        {
            while (reader.TryRead(out var record))
            {
                records.Append(Encoding.UTF8.GetString(record.Span)).Append('|');
            }

            return reader.IsSequence ? records.ToString() : "not an array";
        }
        catch (FormatReadException ex) when (reader.IsSequence && ex.Message.Contains("after the end of the document", StringComparison.Ordinal))
        {
            return records.ToString();
        }
        catch (FormatReadException) when (!reader.IsSequence)
        {
            return "not an array";
        }
        catch (FormatReadException ex)
        {
            return $"error: {ex.Message}";
        }
    }

    [GeneratedRegex("'[^']*' is an invalid JSON literal")]
    private static partial Regex BadLiteral();
}
