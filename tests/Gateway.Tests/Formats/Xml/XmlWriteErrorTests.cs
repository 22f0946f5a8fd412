using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

public class XmlWriteErrorTests
{
    private static FormatReadException Fails(string json, FormatOptions? options = null) =>
        Assert.Throws<FormatReadException>(() => XmlTestIO.WriteOne(json, options));

    [Theory]
    [InlineData("""{"a":{"b":"x\u0001y"}}""", "invalid character", "$.a.b")]
    [InlineData("""{"a":{"@x":{"y":1}}}""", "an attribute value must be a string, number, boolean or null, not an object", "$.a.@x")]
    [InlineData("""{"a":{"@x":[1,2]}}""", "not an array", "$.a.@x")]
    [InlineData("""{"a":{"#text":[1]}}""", "#text must be a string, number, boolean or null, not an array", "$.a.#text")]
    [InlineData("""{"a":{"@xmlns:p":1}}""", "a namespace declaration must be a string (the namespace URI), not number", "$.a['@xmlns:p']")]
    [InlineData("""{"a":{"":1}}""", "an empty property name cannot become an XML element name", "$.a['']")]
    [InlineData("""{"a":{"@":1}}""", "an attribute needs a name", "$.a.@")]
    [InlineData("""{"a":{"@x":1,"@x":2}}""", "'x' is a duplicate attribute name", "$.a.@x")]
    [InlineData("""{"a":{"@xmlns:p":"","p:b":1}}""", "Cannot use a prefix with an empty namespace", "$.a['@xmlns:p']")]
    [InlineData("""{"a":{"b":[1,{"c":[1,"\u0000"]}]}}""", "invalid character", "$.a.b[1].c[1]")]
    [InlineData("""[1,"\ud800"]""", "surrogate", "$[1]")]
    public void Values_XML_cannot_hold_are_errors_that_name_their_path(string json, string problem, string location)
    {
        var ex = Fails(json);
        Assert.StartsWith("Cannot write the record as XML: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(location, ex.Location);
    }

    [Fact]
    public void A_sequence_names_the_record_too()
    {
        var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.Write(["{\"a\":1}", "{\"a\":{\"@x\":[]}}"], isSequence: true));
        Assert.Equal("record 2, $.a.@x", ex.Location);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    [InlineData("")]
    public void A_record_that_is_not_JSON(string json)
    {
        var ex = Fails(json);
        Assert.StartsWith("The record is not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal("record 1", ex.Location);
    }

    [Fact]
    public void JSON_nested_deeper_than_twice_MaxDepth_is_refused()
    {
        var json = string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20);
        Assert.Contains("<a>1</a>", XmlTestIO.WriteOne(json, new FormatOptions { MaxDepth = 10 }), StringComparison.Ordinal);
        Assert.StartsWith("The record is not valid JSON", Fails(json, new FormatOptions { MaxDepth = 5 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_record_in_a_single_document_is_a_programming_error() =>
        Assert.Throws<InvalidOperationException>(() => XmlTestIO.Write(["{\"a\":1}", "{\"a\":2}"], isSequence: false));

    [Fact]
    public void Disposing_after_a_failed_write_keeps_the_original_error()
    {
        // The attribute error leaves a start tag with an invalid namespace pending; Dispose must not throw over it.
        var ex = Fails("""{"@":1,"@xmlns":"\u0001"}""");
        Assert.Contains("an attribute needs a name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_before_Begin_is_a_programming_error()
    {
        using var writer = new XmlFormat().CreateWriter(new MemoryStream(), new FormatOptions());
        Assert.Throws<InvalidOperationException>(() => writer.Write("{}"u8));
    }

    [Fact]
    public void Complete_without_Begin_writes_an_empty_root()
    {
        using var output = new MemoryStream();
        using (var writer = new XmlFormat().CreateWriter(output, new FormatOptions { RootElement = "empty" }))
        {
            writer.Complete();
        }

        Assert.Equal("<empty />", Encoding.UTF8.GetString(output.ToArray()));
    }
}
