using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

public class XmlWriterConventionTests
{
    [Theory]
    [InlineData("""{"a":{"b":"1"}}""", "<a><b>1</b></a>")]
    [InlineData("""{"a":"x"}""", "<a>x</a>")]
    [InlineData("""{"a":null}""", "<a />")]
    [InlineData("""{"a":12.50}""", "<a>12.50</a>")]
    [InlineData("""{"a":true}""", "<a>true</a>")]
    [InlineData("""{"a":{}}""", "<a />")]
    [InlineData("""{"a":""}""", "<a></a>")]
    public void A_one_property_object_names_the_root(string json, string expected) =>
        Assert.Equal(expected, XmlTestIO.WriteOne(json));

    [Theory]
    [InlineData("""{"a":1,"b":2}""", "<root><a>1</a><b>2</b></root>")]
    [InlineData("""{"a":[1,2]}""", "<root><a>1</a><a>2</a></root>")]
    [InlineData("""[1,{"x":"y"},null]""", "<root><item>1</item><item><x>y</x></item><item /></root>")]
    [InlineData(""" "text" """, "<root>text</root>")]
    [InlineData("""null""", "<root />")]
    [InlineData("""{}""", "<root />")]
    [InlineData("""{"@id":"1"}""", """<root id="1" />""")]
    [InlineData("""{"#text":"t"}""", "<root>t</root>")]
    public void Anything_else_is_wrapped_in_the_root_element(string json, string expected) =>
        Assert.Equal(expected, XmlTestIO.WriteOne(json));

    [Fact]
    public void Root_and_item_element_names_come_from_the_options() =>
        Assert.Equal("<rows><row>1</row><row>2</row></rows>", XmlTestIO.WriteOne("[1,2]", new FormatOptions { RootElement = "rows", ItemElement = "row" }));

    [Fact]
    public void A_sequence_writes_one_item_element_per_record() =>
        Assert.Equal(
            """<rows><row id="1"><v>a</v></row><row><x>1</x><x>2</x></row><row /><row>s</row></rows>""",
            XmlTestIO.Write(["""{"@id":"1","v":"a"}""", """{"x":[1,2]}""", "null", "\"s\""], isSequence: true, new FormatOptions { RootElement = "rows", ItemElement = "row" }));

    [Fact]
    public void An_empty_sequence_is_an_empty_root() =>
        Assert.Equal("<root />", XmlTestIO.Write([], isSequence: true));

    [Fact]
    public void A_document_without_records_is_an_empty_root() =>
        Assert.Equal("<root />", XmlTestIO.Write([], isSequence: false));

    [Theory]
    [InlineData("""{"a":{"@x":"1","@y":2,"@z":false,"@n":null,"#text":"t"}}""", """<a x="1" y="2" z="false" n="">t</a>""")]
    [InlineData("""{"a":{"b":"1","#text":"t","c":"2"}}""", "<a><b>1</b>t<c>2</c></a>")]
    [InlineData("""{"a":{"#text":null,"b":"1"}}""", "<a><b>1</b></a>")]
    [InlineData("""{"a":{"b":[[1,2],[]]}}""", "<a><b><item>1</item><item>2</item></b><b /></a>")]
    [InlineData("""{"a":{"b":[]}}""", "<a />")]
    [InlineData("""{"a":"<&>\"'"}""", "<a>&lt;&amp;&gt;\"'</a>")]
    [InlineData("""{"a":{"@x":"<&>\"\t\n\r"}}""", "<a x=\"&lt;&amp;&gt;&quot;&#x9;&#xA;&#xD;\" />")]
    [InlineData("""{"a":"line1\r\nline2"}""", "<a>line1&#xD;\nline2</a>")]
    [InlineData("""{"a":"\u00e9\u20ac\ud83d\ude00"}""", "<a>é€😀</a>")]
    public void Attributes_text_arrays_and_escaping(string json, string expected) =>
        Assert.Equal(expected, XmlTestIO.WriteOne(json));

    [Theory]
    [InlineData("""{"p:a":{"@xmlns:p":"urn:p","p:b":"1","@p:x":"2"}}""", """<p:a xmlns:p="urn:p" p:x="2"><p:b>1</p:b></p:a>""")]
    [InlineData("""{"a":{"@xmlns":"urn:d","b":"1"}}""", """<a xmlns="urn:d"><b>1</b></a>""")]
    [InlineData("""{"a":{"@xmlns":"urn:d","b":{"@xmlns":"","c":"1"}}}""", """<a xmlns="urn:d"><b xmlns=""><c>1</c></b></a>""")]
    [InlineData("""{"a":{"@p:x":"1","@xmlns:p":"urn:p"}}""", """<a p:x="1" xmlns:p="urn:p" />""")]
    [InlineData("""{"a":{"@xml:lang":"en"}}""", """<a xml:lang="en" />""")]
    [InlineData("""{"a":{"time:stamp":"1","@q:z":"2"}}""", """<a q_x003A_z="2"><time_x003A_stamp>1</time_x003A_stamp></a>""")]
    [InlineData("""{"a":{"@xmlns:p":"urn:p","b":{"p:c":"1"}},"z":1}""", """<root><a xmlns:p="urn:p"><b><p:c>1</p:c></b></a><z>1</z></root>""")]
    public void Namespaces_are_declared_and_undeclared_prefixes_are_escaped(string json, string expected) =>
        Assert.Equal(expected, XmlTestIO.WriteOne(json));

    [Theory]
    [InlineData("""{"first name":"x"}""", "<first_x0020_name>x</first_x0020_name>")]
    [InlineData("""{"a":{"1st":"x","@a b":"y"}}""", """<a a_x0020_b="y"><_x0031_st>x</_x0031_st></a>""")]
    [InlineData("""{"a":{"_x0041_":"x"}}""", "<a><_x005F_x0041_>x</_x005F_x0041_></a>")]
    [InlineData("""{"a":{"#note":"x"}}""", "<a><_x0023_note>x</_x0023_note></a>")]
    public void Keys_that_are_not_XML_names_are_escaped(string json, string expected) =>
        Assert.Equal(expected, XmlTestIO.WriteOne(json));

    [Fact]
    public void Pretty_indents_elements_but_not_text()
    {
        var xml = XmlTestIO.WriteOne("""{"a":{"@x":"1","b":{"c":"t"},"d":[1,2],"e":null}}""", new FormatOptions { Pretty = true });
        Assert.Equal("<a x=\"1\">\n  <b>\n    <c>t</c>\n  </b>\n  <d>1</d>\n  <d>2</d>\n  <e />\n</a>", xml);
    }

    [Fact]
    public void Output_is_UTF8_without_BOM_or_declaration()
    {
        using var output = new MemoryStream();
        using (var writer = new Gateway.Formats.Xml.XmlFormat().CreateWriter(output, new FormatOptions()))
        {
            writer.Begin(false);
            writer.Write("""{"a":"é"}"""u8);
            writer.Complete();
        }

        Assert.Equal("<a>é</a>"u8.ToArray(), output.ToArray());
    }
}
