using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Tests.Support;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// Mangled input must end in a record or a <see cref="FormatReadException"/>: never another exception, never a hang.
/// </summary>
public class XmlHostileInputPropertyTests
{
    private static readonly string[] Nasty =
    [
        "<", ">", "&", "&#0;", "&#xD800;", "&#x110000;", "&lt", "]]>", "<![CDATA[", "<!DOCTYPE x>", "<!DOCTYPE x [<!ENTITY e 'v'>]>", "&e;",
        "<?xml version='1.0'?>", "<?xml version='1.0' encoding='utf-16'?>", "\0", "\uFFFE", "xmlns:p=''", "xmlns=''", "p:", "\"", "='", "</", "/>",
        "<row>", "</row>", "<!--", "-->", "<?pi", "?>", "\uD800", "😀", "_x0041_", " a=\"1\" a=\"2\"",
    ];

    private static readonly Gen<byte[]> Mutation = Gen.Frequency(
        (4, Gen.OneOf(Nasty).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[1, 4]),
        (1, Gen.Const(Array.Empty<byte>())));

    private static readonly Gen<(byte[] Input, FormatOptions Options)> MangledDocuments = Gen.Select(
        XmlDocumentGenerators.Document(namespaces: true),
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 8], Mutation).Array[1, 4],
        Gen.Int[0, 3],
        (xml, edits, mode) =>
        {
            var bytes = Encoding.UTF8.GetBytes(xml).ToList();
            foreach (var (at, delete, insert) in edits)
            {
                var position = at % (bytes.Count + 1);
                bytes.RemoveRange(position, Math.Min(delete, bytes.Count - position));
                bytes.InsertRange(position, insert);
            }

            var options = mode switch
            {
                0 => new FormatOptions(),
                1 => new FormatOptions { RecordElement = "row", InferTypes = true },
                2 => new FormatOptions { MaxDepth = 2, MaxDocumentChars = 200, ArrayPaths = ["a/b"] },
                _ => new FormatOptions { RecordElement = "p:a", MaxDocumentChars = 50 },
            };
            return (bytes.ToArray(), options);
        });

    [Fact]
    public void Mangled_XML_reads_or_fails_with_a_located_format_error() =>
        MangledDocuments.Sample((input, options) =>
        {
            try
            {
                Bounded.Run(() => XmlTestIO.Read(input, options));
            }
            catch (FormatReadException ex)
            {
                Assert.Matches(@"^line \d+, column \d+$", ex.Location);
            }
        }, iter: 2000);

    [Fact]
    public void Random_bytes_read_or_fail_with_a_format_error() =>
        Gen.Byte.Array[0, 200].Sample(input =>
        {
            try
            {
                Bounded.Run(() => XmlTestIO.Read(input));
            }
            catch (FormatReadException)
            {
                // The only acceptable failure.
            }
        }, iter: 2000);

    private static readonly string[] JsonKeys = ["", "@", "@xmlns", "@xmlns:", "@xmlns:p", "@xmlns:xml", "@xmlns:xmlns", "@p:x", "@xml:lang", "#text", "p:a", "xmlns:a", "a", "a", "\\u0000", "@\\u0001", "1", "\\ud800"];

    private static readonly string[] JsonValues = ["1", "-0.5e3", "true", "null", "\"\"", "\"urn:p\"", "\"\\u0001\"", "\"\\ud800\"", "\"a\"", "[]", "{}"];

    private static Gen<string> HostileJson(int depth) => depth == 0
        ? Gen.OneOf(JsonValues)
        : Gen.Frequency(
            (2, Gen.OneOf(JsonValues)),
            (2, Gen.Select(Gen.OneOf(JsonKeys), HostileJson(depth - 1), (k, v) => $"\"{k}\":{v}").Array[0, 4].Select(p => "{" + string.Join(",", p) + "}")),
            (1, HostileJson(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")));

    [Fact]
    public void Hostile_JSON_writes_or_fails_with_a_located_format_error() =>
        Gen.Select(HostileJson(3).Array[1, 3], Gen.Bool).Sample((records, isSequence) =>
        {
            try
            {
                Bounded.Run(() => XmlTestIO.Write(isSequence ? records : records[..1], isSequence));
            }
            catch (FormatReadException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Location));
            }
        }, iter: 2000);
}
