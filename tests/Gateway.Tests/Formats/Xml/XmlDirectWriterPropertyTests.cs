using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// The direct UTF-8 path of the XML writer against the XmlWriter path it replaces on the hot path: for any record,
/// including hostile ones (invalid characters, lone surrogates, namespaces, duplicate attributes, attributes after
/// content, broken JSON), both give the same bytes, or the same error at the same location.
/// </summary>
public class XmlDirectWriterPropertyTests
{
    private const int Iterations = 3000;

    private static readonly string[] Keys =
        ["a", "b", "item", "@x", "@y", "@a b", "#text", "first name", "1st", "_x0041_", "#note", "é", "中", "xmlfoo", "xml:lang",
         "@xml:lang", "@xmlns", "@xmlns:p", "p:b", "@p:x", "time:stamp", "@", "", "a\u0001", "@\u00e9", "xml:", "@xmlns:"];

    private static readonly string[] TextPieces =
        ["a", " ", "<", ">", "&", "\"", "'", "]]>", "\n", "\t", "\r", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028", "é", "€",
         "😀", "\uFFFD", "\uFFFE", "\uFFFF", "\uFEFF", "1", "-"];

    /// <summary>A JSON string literal of a generated text, each character escaped as \uXXXX or not at random.</summary>
    private static readonly Gen<string> JsonString = Gen.Select(Gen.OneOf(TextPieces).Array[0, 5], Gen.Int[0, 3], (pieces, escapeMode) =>
    {
        var text = new StringBuilder("\"");
        foreach (var c in string.Concat(pieces))
        {
            var mustEscape = c is '"' or '\\' or < ' ';
            if (mustEscape || (escapeMode == 1 && !char.IsAsciiLetterOrDigit(c)))
            {
                text.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", _ => $"\\u{(int)c:x4}" });
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    });

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (6, JsonString),
        (1, Gen.OneOf("\"\\ud800\"", "\"a\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\uD83D\\uDE00x\"")),
        (2, Gen.OneOf("0", "-1", "12.50", "1e5", "-0.0E-7")),
        (2, Gen.OneOf("true", "false", "null")));

    private static readonly Gen<string> Record = Value(4);

    private static readonly Gen<string> Broken = Gen.Frequency(
        (8, Record),
        (1, Record.Select(r => r + " x")),
        (1, Record.Select(r => r[..(r.Length / 2)])),
        (1, Gen.OneOf("", " ", "{\"a\":[1,]}", "{\"a\":1}{}")));

    [Fact]
    public void A_single_document_gives_the_bytes_or_error_of_the_XmlWriter_path() =>
        Gen.Select(Broken, Gen.Bool).Sample((record, pretty) =>
            AssertSame([record], isSequence: false, new FormatOptions { Pretty = pretty }), iter: Iterations);

    [Fact]
    public void A_sequence_gives_the_bytes_or_error_of_the_XmlWriter_path() =>
        Gen.Select(Broken.Array[0, 5], Gen.Bool).Sample((records, pretty) =>
            AssertSame(records, isSequence: true, new FormatOptions { Pretty = pretty }), iter: Iterations);

    [Fact]
    public void Deep_nesting_gives_the_bytes_or_error_of_the_XmlWriter_path() =>
        Gen.Select(Gen.Int[1, 14], Gen.Int[0, 3], Gen.Bool).Sample((depth, kind, pretty) =>
        {
            var open = kind switch { 0 => "{\"a\":", 1 => "[", 2 => "{\"a\":[", _ => "{\"@x\":1,\"b\":" };
            var close = kind switch { 0 => "}", 1 => "]", 2 => "]}", _ => "}" };
            var json = string.Concat(Enumerable.Repeat(open, depth)) + "\"t\"" + string.Concat(Enumerable.Repeat(close, depth));
            AssertSame([json], isSequence: false, new FormatOptions { Pretty = pretty, MaxDepth = 5 });
            AssertSame([json, json], isSequence: true, new FormatOptions { Pretty = pretty, MaxDepth = 5 });
        }, iter: 300);

    [Theory]
    [InlineData("rows", "row")]
    [InlineData("xml:rows", "row")]
    [InlineData("rows", "xml:row")]
    [InlineData("a b", "1")]
    [InlineData("", "row")]
    [InlineData("rows", "")]
    public void Root_and_item_names_give_the_bytes_or_error_of_the_XmlWriter_path(string root, string item)
    {
        foreach (var pretty in new[] { false, true })
        {
            var options = new FormatOptions { RootElement = root, ItemElement = item, Pretty = pretty };
            AssertSame([], isSequence: true, options);
            AssertSame([], isSequence: false, options);
            AssertSame(["{\"a\":[1,[2]]}", "[]", "{\"@id\":1}"], isSequence: true, options);
            AssertSame(["[1,{\"b\":null}]"], isSequence: false, options);
        }
    }

    private static Gen<string> Value(int depth)
    {
        if (depth == 0)
        {
            return Scalar;
        }

        var child = Gen.Frequency((3, Scalar), (2, Value(depth - 1)));
        var member = Gen.Select(Gen.OneOf(Keys), child, (key, value) => "\"" + key.Replace("\u0001", "\\u0001", StringComparison.Ordinal) + "\":" + value);
        return Gen.Frequency(
            (2, Scalar),
            (3, member.Array[0, 5].Select(members => "{" + string.Join(",", members) + "}")),
            (2, child.Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")));
    }

    private static void AssertSame(IReadOnlyList<string> records, bool isSequence, FormatOptions options)
    {
        var expected = Run(records, isSequence, options, direct: false);
        var actual = Run(records, isSequence, options, direct: true);
        Assert.True(expected == actual, $"records: {string.Join(" | ", records)}\nXmlWriter: {expected}\ndirect:    {actual}");
    }

    /// <summary>The output as text, or the error and its location.</summary>
    private static string Run(IReadOnlyList<string> records, bool isSequence, FormatOptions options, bool direct)
    {
        using var output = new MemoryStream();
        try
        {
            using (var writer = new XmlRecordWriter(output, options, direct))
            {
                writer.Begin(isSequence);
                foreach (var record in records)
                {
                    writer.Write(Encoding.UTF8.GetBytes(record));
                }

                writer.Complete();
            }

            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (FormatReadException ex)
        {
            return $"error: {ex.Message} at {ex.Location}";
        }
    }
}
