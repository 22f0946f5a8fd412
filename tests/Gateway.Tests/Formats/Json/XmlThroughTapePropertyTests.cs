using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// JSON and NDJSON -> XML walk the reader's tape in the direct writer; the same records copied to other memory (no
/// tape) are read by <see cref="System.Text.Json.Utf8JsonReader"/> as before. Oracle: that path. For generated
/// documents (attributes, <c>#text</c>, escapes, invalid XML names and characters, damaged by a stray byte) the XML
/// and every error must be the same.
/// </summary>
public class XmlThroughTapePropertyTests
{
    private static readonly Gen<string[]> Records = JsonTapeGenerators.Damaged(JsonTapeGenerators.Object(3)).Array[0, 5];

    private static readonly Gen<FormatOptions> Options = Gen.Bool.Select(indent => new FormatOptions { Pretty = indent, MaxDepth = 8 });

    [Fact]
    public void Json_array_to_xml_is_the_same_with_and_without_the_tape() =>
        Gen.Select(Records, Options).Sample((records, options) =>
        {
            var document = Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]");
            Assert.Equal(Convert(document, new JsonFormat(), options, copy: true), Convert(document, new JsonFormat(), options, copy: false));
        }, iter: 3000);

    [Fact]
    public void Ndjson_and_single_records_to_xml_are_the_same_with_and_without_the_tape() =>
        Gen.Select(Records, Options).Sample((records, options) =>
        {
            var document = Encoding.UTF8.GetBytes(string.Join("\n", records.Select(r => r.Replace('\n', ' ').Replace('\r', ' '))));
            Assert.Equal(Convert(document, new NdjsonFormat(), options, copy: true), Convert(document, new NdjsonFormat(), options, copy: false));
        }, iter: 3000);

    /// <summary>The XML, or the error; <paramref name="copy"/> hands the writer a copy of each record, which has no tape.</summary>
    private static string Convert(byte[] document, DataFormat from, FormatOptions options, bool copy)
    {
        using var output = new MemoryStream();
        using var reader = from.CreateReader(new MemoryStream(document), options);
        using var writer = new XmlFormat().CreateWriter(output, options);
        try
        {
            var hasRecord = reader.TryRead(out var record);
            writer.Begin(reader.IsSequence);
            while (hasRecord)
            {
                writer.Write(copy ? record.ToArray() : record.Span);
                hasRecord = reader.TryRead(out record);
            }

            writer.Complete();
            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (FormatReadException e)
        {
            return $"error: {e.Message} at {e.Location}";
        }
    }
}
