using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// The direct UTF-8 path of the XML writer on tricky records: which records it writes itself (the hot path must not
/// quietly fall back to XmlWriter), the exact bytes, and the records it leaves to XmlWriter (which words the errors).
/// </summary>
public class XmlDirectWriterTests
{
    [Theory]
    [InlineData("""{"a":"<&>\"'\t\n\r"}""", "<a>&lt;&amp;&gt;\"'\t\n&#xD;</a>")]
    [InlineData("""{"a":{"@x":"<&>\"'\t\n\r"}}""", "<a x=\"&lt;&amp;&gt;&quot;'&#x9;&#xA;&#xD;\" />")]
    [InlineData("""{"a":"\u003c\u00e9\u20ac"}""", "<a>&lt;é€</a>")]
    [InlineData("""{"a":"é€😀\u007f\u0085\u2028\ufffd"}""", "<a>é€😀\u007f\u0085\u2028\ufffd</a>")]
    [InlineData("""{"a":{"@a b":5,"first name":1,"1st":2,"_x0041_":3,"#note":4}}""", "<a a_x0020_b=\"5\"><first_x0020_name>1</first_x0020_name><_x0031_st>2</_x0031_st><_x005F_x0041_>3</_x005F_x0041_><_x0023_note>4</_x0023_note></a>")]
    [InlineData("""{"a":{"b":[[1,[2,[]]],[],{}]}}""", "<a><b><item>1</item><item><item>2</item><item /></item></b><b /><b /></a>")]
    [InlineData("""{"a":{"e":{},"f":[],"g":null,"h":""}}""", "<a><e /><g /><h></h></a>")]
    [InlineData("""{"a":[-0.5e10,true,false,null,0]}""", "<root><a>-0.5e10</a><a>true</a><a>false</a><a /><a>0</a></root>")]
    [InlineData("""{"a":{"@n":null,"@t":true,"@z":0,"#text":null}}""", "<a n=\"\" t=\"true\" z=\"0\" />")]
    [InlineData("""{"a":{"b":[],"@x":1,"#text":"t","c":1}}""", "<a x=\"1\">t<c>1</c></a>")]
    [InlineData("""{"\u0061":{"\u0040x":"1"}}""", "<a x=\"1\" />")]
    public void Writes_common_shapes_itself(string json, string expected)
    {
        Assert.Equal(expected, Write(json, new FormatOptions(), out var direct));
        Assert.True(direct);
    }

    [Fact]
    public void Indents_like_XmlWriter_and_not_inside_mixed_content()
    {
        const string json = """{"a":{"@x":"1","b":{"c":"t"},"#text":"","d":{"e":1},"f":null}}""";
        Assert.Equal("<a x=\"1\">\n  <b>\n    <c>t</c>\n  </b><d><e>1</e></d><f /></a>", Write(json, new FormatOptions { Pretty = true }, out var direct));
        Assert.True(direct);
    }

    [Theory]
    [InlineData("""{"a":{"@xmlns:p":"urn:p","p:b":1}}""")]
    [InlineData("""{"a":{"@xml:lang":"en"}}""")]
    [InlineData("""{"a":{"b":1,"@x":"2"}}""", "<a x=\"2\"><b>1</b></a>")]
    [InlineData("""{"a":"\ud83d\ude00"}""", "<a>😀</a>")]
    public void Leaves_namespaces_late_attributes_and_escaped_surrogates_to_XmlWriter(string json, string? expected = null)
    {
        var written = Write(json, new FormatOptions(), out var direct);
        Assert.Equal(expected ?? written, written);
        Assert.False(direct);
    }

    [Theory]
    [InlineData("""{"a":"x\u0001y"}""", "invalid character")]
    [InlineData("""{"a":"\uffff"}""", "invalid character")]
    [InlineData("""{"a":"\ud800"}""", "surrogate")]
    [InlineData("""{"a":"\udc00x"}""", "surrogate")]
    [InlineData("""{"a":{"@x":1,"@x":2}}""", "duplicate attribute")]
    [InlineData("""{"a":{"":1}}""", "empty property name")]
    public void Leaves_what_XML_cannot_hold_to_XmlWriter_which_words_the_error(string json, string problem)
    {
        var ex = Assert.Throws<FormatReadException>(() => Write(json, new FormatOptions(), out _));
        Assert.Contains(problem, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_invalid_UTF8_as_the_XmlWriter_path_does()
    {
        byte[] record = [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Equal(Error(record, direct: false), Error(record, direct: true));
    }

    [Fact]
    public void A_sequence_mixes_both_paths_with_the_same_bytes()
    {
        string[] records = ["""{"a":1}""", """{"b":1,"@x":2}""", """{"c":{"d":null}}"""];
        var options = new FormatOptions { Pretty = true };
        Assert.Equal(
            "<root>\n  <item>\n    <a>1</a>\n  </item>\n  <item x=\"2\">\n    <b>1</b>\n  </item>\n  <item>\n    <c>\n      <d />\n    </c>\n  </item>\n</root>",
            XmlTestIO.Write(records, isSequence: true, options));
    }

    private static string Write(string json, FormatOptions options, out bool direct)
    {
        using var output = new MemoryStream();
        using var elements = new XmlUtf8Output(options.Pretty);
        using var writer = new XmlDirectWriter(elements, "item"u8.ToArray(), (2 * options.MaxDepth) + 2);
        direct = writer.TryWriteDocument(Encoding.UTF8.GetBytes(json), "root"u8.ToArray());
        var written = XmlTestIO.WriteOne(json, options);

        // The same bytes as XmlWriter gives (the reference path), not only the bytes expected here.
        using var reference = new MemoryStream();
        using (var xmlWriterPath = new XmlRecordWriter(reference, options, direct: false))
        {
            xmlWriterPath.Begin(isSequence: false);
            xmlWriterPath.Write(Encoding.UTF8.GetBytes(json));
            xmlWriterPath.Complete();
        }

        Assert.Equal(Encoding.UTF8.GetString(reference.ToArray()), written);
        return written;
    }

    private static string Error(byte[] record, bool direct)
    {
        using var writer = new XmlRecordWriter(new MemoryStream(), new FormatOptions(), direct);
        writer.Begin(isSequence: false);
        var ex = Assert.Throws<FormatReadException>(() => writer.Write(record));
        return $"{ex.Message} at {ex.Location}";
    }
}
