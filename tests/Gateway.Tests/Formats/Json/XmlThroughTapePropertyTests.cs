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
    private static readonly Gen<FormatOptions> Options = Gen.Bool.Select(indent => new FormatOptions { Pretty = indent, MaxDepth = 8 });

    [Fact]
    public void Json_array_to_xml_is_the_same_with_and_without_the_tape() =>
        ThroughTape.IsTheSameWithAndWithoutTheTape(new JsonFormat(), new XmlFormat(), Options, mostRecords: 5);

    [Fact]
    public void Ndjson_and_single_records_to_xml_are_the_same_with_and_without_the_tape() =>
        ThroughTape.IsTheSameWithAndWithoutTheTape(new NdjsonFormat(), new XmlFormat(), Options, mostRecords: 5);
}
