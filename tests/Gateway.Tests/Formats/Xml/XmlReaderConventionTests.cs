using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

public class XmlReaderConventionTests
{
    [Theory]
    [InlineData("""<a/>""", """{"a":null}""")]
    [InlineData("""<a></a>""", """{"a":null}""")]
    [InlineData("""<a>hi</a>""", """{"a":"hi"}""")]
    [InlineData("""<a>  hi  </a>""", """{"a":"  hi  "}""")]
    [InlineData("""<a> </a>""", """{"a":" "}""")]
    [InlineData("""<a x="1"/>""", """{"a":{"@x":"1"}}""")]
    [InlineData("""<a x="1">t</a>""", """{"a":{"@x":"1","#text":"t"}}""")]
    [InlineData("""<a x="1"> </a>""", """{"a":{"@x":"1","#text":" "}}""")]
    [InlineData("""<a><b>1</b><c/></a>""", """{"a":{"b":"1","c":null}}""")]
    [InlineData("""<a><b>1</b><b>2</b></a>""", """{"a":{"b":["1","2"]}}""")]
    [InlineData("""<a><b/><b/></a>""", """{"a":{"b":[null,null]}}""")]
    [InlineData("""<a><![CDATA[<x>&]]></a>""", """{"a":"<x>&"}""")]
    [InlineData("""<a>x<![CDATA[y]]>z</a>""", """{"a":"xyz"}""")]
    [InlineData("""<a>&lt;&amp;&#65;&#x42;</a>""", """{"a":"<&AB"}""")]
    [InlineData("""<a>x<!-- c -->y<?pi data?></a>""", """{"a":"xy"}""")]
    [InlineData("""<?xml version="1.0"?><!-- before --><a/><!-- after --><?pi?>""", """{"a":null}""")]
    [InlineData("<a>\n  <b>1</b>\n  <c>2</c>\n</a>\n", """{"a":{"b":"1","c":"2"}}""")]
    [InlineData("<a>\r\n<b>1</b>\r\n</a>", """{"a":{"b":"1"}}""")]
    public void Elements_attributes_and_text(string xml, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne(xml));

    [Theory]
    [InlineData("""<a>before<b/>after</a>""", """{"a":{"#text":"beforeafter","b":null}}""")]
    [InlineData("""<a><b/>after</a>""", """{"a":{"b":null,"#text":"after"}}""")]
    [InlineData("""<a><b/>mid<c/></a>""", """{"a":{"b":null,"#text":"mid","c":null}}""")]
    [InlineData("""<a><b/> <c/></a>""", """{"a":{"b":null,"c":null}}""")]
    [InlineData("""<a x="1"><b/>t</a>""", """{"a":{"@x":"1","b":null,"#text":"t"}}""")]
    public void Mixed_content_concatenates_text_and_keeps_its_first_position(string xml, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne(xml));

    [Fact]
    public void Interleaved_siblings_group_into_one_array_at_the_first_position() =>
        JsonStructure.AssertEqual(
            """{"r":{"a":["1","3"],"b":"2","c":"4"}}""",
            XmlTestIO.ReadOne("<r><a>1</a><b>2</b><a>3</a><c>4</c></r>"));

    [Theory]
    [InlineData("""<p:a xmlns:p="urn:p"><p:b>1</p:b></p:a>""", """{"p:a":{"@xmlns:p":"urn:p","p:b":"1"}}""")]
    [InlineData("""<a xmlns="urn:d"><b/></a>""", """{"a":{"@xmlns":"urn:d","b":null}}""")]
    [InlineData("""<a xmlns:p="urn:p" p:x="1" y="2"/>""", """{"a":{"@xmlns:p":"urn:p","@p:x":"1","@y":"2"}}""")]
    [InlineData("""<a xml:lang="en">t</a>""", """{"a":{"@xml:lang":"en","#text":"t"}}""")]
    public void Namespaces_keep_prefixes_and_declarations(string xml, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne(xml));

    [Theory]
    [InlineData("""<a><first_x0020_name>x</first_x0020_name></a>""", """{"a":{"first name":"x"}}""")]
    [InlineData("""<_x0031_st a_x0020_b="v"/>""", """{"1st":{"@a b":"v"}}""")]
    [InlineData("""<a><time_x003A_stamp>1</time_x003A_stamp></a>""", """{"a":{"time:stamp":"1"}}""")]
    [InlineData("""<a><_x0040_x>1</_x0040_x><_x0023_text>2</_x0023_text></a>""", """{"a":{"_x0040_x":"1","_x0023_text":"2"}}""")]
    [InlineData("""<a _x0078_mlns="1"/>""", """{"a":{"@_x0078_mlns":"1"}}""")]
    [InlineData("""<a><_x0023_note>1</_x0023_note></a>""", """{"a":{"#note":"1"}}""")]
    public void Escaped_names_are_decoded_unless_they_would_change_meaning(string xml, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne(xml));

    [Theory]
    [InlineData("<a><n>12</n><f>-1.50e+3</f><t>true</t><u>false</u><s>True</s><z>012</z><w> 1</w><e></e></a>",
        """{"a":{"n":12,"f":-1.50e+3,"t":true,"u":false,"s":"True","z":"012","w":" 1","e":null}}""")]
    [InlineData("""<a x="5" y="true" z="1e"/>""", """{"a":{"@x":5,"@y":true,"@z":"1e"}}""")]
    [InlineData("""<a xmlns:n="1"/>""", """{"a":{"@xmlns:n":"1"}}""")]
    [InlineData("""<a>0</a>""", """{"a":0}""")]
    public void InferTypes_turns_number_and_boolean_literals_into_JSON(string xml, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne(xml, new FormatOptions { InferTypes = true }));

    [Fact]
    public void Without_InferTypes_everything_is_a_string() =>
        JsonStructure.AssertEqual("""{"a":{"@x":"5","n":"12","t":"true"}}""", XmlTestIO.ReadOne("""<a x="5"><n>12</n><t>true</t></a>"""));

    [Theory]
    [InlineData("order/line", """{"order":{"line":["1"],"note":"n"}}""")]
    [InlineData("/order/line/", """{"order":{"line":["1"],"note":"n"}}""")]
    [InlineData("order", """{"order":[{"line":"1","note":"n"}]}""")]
    [InlineData("line", """{"order":{"line":"1","note":"n"}}""")]
    public void ArrayPaths_force_arrays_from_the_document_root(string path, string expected) =>
        JsonStructure.AssertEqual(expected, XmlTestIO.ReadOne("<order><line>1</line><note>n</note></order>", new FormatOptions { ArrayPaths = [path] }));

    [Fact]
    public void ArrayPaths_reach_nested_elements_inside_arrays() =>
        JsonStructure.AssertEqual(
            """{"o":{"g":[{"v":["1"]},{"v":["2","3"]}]}}""",
            XmlTestIO.ReadOne("<o><g><v>1</v></g><g><v>2</v><v>3</v></g></o>", new FormatOptions { ArrayPaths = ["o/g/v"] }));

    [Fact]
    public void Bom_and_declared_encodings_are_honoured()
    {
        var utf8Bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat("<a>é</a>"u8.ToArray()).ToArray();
        JsonStructure.AssertEqual("""{"a":"é"}""", Assert.Single(XmlTestIO.Read(utf8Bom).Records));

        var utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("<a>€</a>")).ToArray();
        JsonStructure.AssertEqual("""{"a":"€"}""", Assert.Single(XmlTestIO.Read(utf16).Records));

        var latin1 = System.Text.Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>ü</a>");
        JsonStructure.AssertEqual("""{"a":"ü"}""", Assert.Single(XmlTestIO.Read(latin1).Records));
    }

    [Fact]
    public void Output_is_compact_canonical_JSON_without_needless_escapes() =>
        Assert.Equal("""{"a":{"@x":"é<>","b":"\"q\""}}""", XmlTestIO.ReadOne("""<a x="é&lt;&gt;"><b>"q"</b></a>"""));

    [Fact]
    public void A_document_is_one_record_and_not_a_sequence()
    {
        var (isSequence, records) = XmlTestIO.Read("<rows><row/><row/></rows>");
        Assert.False(isSequence);
        Assert.Single(records);
    }
}
