using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

public class XmlStrictTests
{
    private static readonly FormatOptions StrictOptions = new() { Strict = true };

    private static FormatReadException Fails(string xml, FormatOptions? options = null) =>
        Assert.Throws<FormatReadException>(() => XmlTestIO.Read(xml, options ?? StrictOptions));

    [Fact]
    public void Interleaved_same_name_siblings_fail_at_the_repeated_element()
    {
        const string Xml = "<r>\n  <a>1</a>\n  <b/>\n  <a>2</a>\n</r>";
        var ex = Fails(Xml);
        Assert.Contains("'a' appears again", ex.Message, StringComparison.Ordinal);
        Assert.Equal("line 4, column 4", ex.Location);
        Assert.Equal("""{"r":{"a":["1","2"],"b":null}}""", XmlTestIO.ReadOne(Xml));
    }

    [Theory]
    [InlineData("<r><a/><a/><b/><b/></r>", """{"r":{"a":[null,null],"b":[null,null]}}""")]
    [InlineData("<r><a><x/></a><b><x/></b></r>", """{"r":{"a":{"x":null},"b":{"x":null}}}""")]
    [InlineData("<r>x<a/></r>", """{"r":{"#text":"x","a":null}}""")]
    [InlineData("<r><a/>mid<b/>\n</r>", """{"r":{"a":null,"#text":"mid","b":null}}""")]
    [InlineData("<r>x<![CDATA[y]]></r>", """{"r":"xy"}""")]
    [InlineData("<?xml version=\"1.0\"?><r><a/></r>", """{"r":{"a":null}}""")]
    public void Lossless_documents_read_the_same_in_strict_mode(string xml, string json)
    {
        Assert.Equal(json, XmlTestIO.ReadOne(xml, StrictOptions));
        Assert.Equal(json, XmlTestIO.ReadOne(xml));
    }

    [Fact]
    public void Mixed_content_fails_at_the_text_after_the_child()
    {
        const string Xml = "<p>a <b>x</b>\n c</p>";
        var ex = Fails(Xml);
        Assert.Contains("'p' has text on both sides of a child element", ex.Message, StringComparison.Ordinal);
        Assert.Equal("line 1, column 14", ex.Location);
        Assert.Equal("""{"p":{"#text":"a \n c","b":"x"}}""", XmlTestIO.ReadOne(Xml));
    }

    [Theory]
    [InlineData("<a>x<!--c-->y</a>", "a comment", "line 1, column 9", """{"a":"xy"}""")]
    [InlineData("<a><?pi data?><b/></a>", "'pi'", "line 1, column 6", """{"a":{"b":null}}""")]
    [InlineData("<!-- before -->\n<a/>", "a comment", "line 1, column 5", """{"a":null}""")]
    [InlineData("<a/>\n<?after?>", "'after'", "line 2, column 3", """{"a":null}""")]
    public void Comments_and_processing_instructions_fail(string xml, string what, string location, string json)
    {
        var ex = Fails(xml);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        Assert.Contains("would be dropped", ex.Message, StringComparison.Ordinal);
        Assert.Equal(location, ex.Location);
        Assert.Equal(json, XmlTestIO.ReadOne(xml));
    }

    [Fact]
    public void Record_mode_checks_inside_records_only()
    {
        var options = new FormatOptions { Strict = true, RecordElement = "row" };
        var (_, records) = XmlTestIO.Read("<!-- header --><rows><row><a/></row><x/><row><a/></row></rows>", options);
        Assert.Equal(["""{"a":null}""", """{"a":null}"""], records);

        var ex = Fails("<rows>\n<row><a/><b/><a/></row></rows>", options);
        Assert.Equal("line 2, column 15", ex.Location);
    }
}
