using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

/// <summary>Round-trip properties of the Gateway XML convention, 1,000 generated cases each.</summary>
public class XmlRoundTripPropertyTests
{
    private const int Iterations = 1000;

    private static readonly FormatOptions Inferring = new() { InferTypes = true };

    [Fact]
    public void Json_to_xml_to_json_gives_the_same_json() =>
        XmlRoundTripGenerators.Document(prefixes: false).Sample(json =>
        {
            var xml = XmlTestIO.WriteOne(json);
            JsonStructure.AssertEqual(json, XmlTestIO.ReadOne(xml, Inferring));
        }, iter: Iterations);

    [Fact]
    public void Json_with_namespace_prefixes_to_xml_to_json_gives_the_same_json() =>
        XmlRoundTripGenerators.Document(prefixes: true).Sample(json =>
        {
            var xml = XmlTestIO.WriteOne(json, new FormatOptions { Pretty = true });
            JsonStructure.AssertEqual(json, XmlTestIO.ReadOne(xml, Inferring));
        }, iter: Iterations);

    [Fact]
    public void A_sequence_of_records_to_xml_and_back_gives_the_same_records() =>
        XmlRoundTripGenerators.Records.Sample(records =>
        {
            var xml = XmlTestIO.Write(records, isSequence: true);
            var (isSequence, back) = XmlTestIO.Read(xml, new FormatOptions { InferTypes = true, RecordElement = "item" });
            Assert.True(isSequence);
            Assert.Equal(records.Length, back.Count);
            for (var i = 0; i < records.Length; i++)
            {
                JsonStructure.AssertEqual(records[i], back[i]);
            }
        }, iter: Iterations);

    [Fact]
    public void Xml_to_json_to_xml_gives_an_equal_infoset() =>
        XmlDocumentGenerators.Document(namespaces: false).Sample(xml =>
            XmlInfoset.AssertEquivalent(xml, XmlTestIO.WriteOne(XmlTestIO.ReadOne(xml))), iter: Iterations);

    [Fact]
    public void Xml_with_namespaces_to_json_to_xml_gives_an_equal_infoset() =>
        XmlDocumentGenerators.Document(namespaces: true).Sample(xml =>
            XmlInfoset.AssertEquivalent(xml, XmlTestIO.WriteOne(XmlTestIO.ReadOne(xml), new FormatOptions { Pretty = true })), iter: Iterations);

    [Fact]
    public void A_rows_document_converts_xml_to_xml_record_by_record_with_an_equal_infoset() =>
        XmlDocumentGenerators.Rows.Sample(xml =>
        {
            var root = xml[1..xml.IndexOfAny([' ', '>'])];
            var options = new FormatOptions { RecordElement = "row", RootElement = root, ItemElement = "row" };
            var output = FormatConverter.Convert(Encoding.UTF8.GetBytes(xml), new XmlFormat(), new XmlFormat(), options, out _);
            XmlInfoset.AssertEquivalent(xml, Encoding.UTF8.GetString(output));
        }, iter: Iterations);
}
