using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

public class XmlReadErrorTests
{
    private static FormatReadException Fails(string xml, FormatOptions? options = null) => Fails(Encoding.UTF8.GetBytes(xml), options);

    private static FormatReadException Fails(byte[] xml, FormatOptions? options = null) =>
        Assert.Throws<FormatReadException>(() => XmlTestIO.Read(xml, options));

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("<!-- only a comment -->")]
    [InlineData("<?xml version=\"1.0\"?>")]
    public void A_document_without_a_root_element(string xml)
    {
        var ex = Fails(xml);
        Assert.StartsWith("The XML document has no root element", ex.Message, StringComparison.Ordinal);

        // The parser has no position once it reached the end; the problem is the document as a whole.
        Assert.Equal("line 1, column 1", ex.Location);
    }

    [Theory]
    [InlineData("<a/><b/>", "multiple root elements", "line 1, column 6")]
    [InlineData("<a/>junk", "Data at the root level is invalid", "line 1, column 5")]
    [InlineData("junk", "Data at the root level is invalid", "line 1, column 1")]
    [InlineData("<a>\n<b>\n</a>", "does not match the end tag", "line 3, column 3")]
    [InlineData("<a><b>x", "Unexpected end of file", "line 1, column 8")]
    [InlineData("<a>&#0;</a>", "invalid character", "line 1, column 6")]
    [InlineData("<p:a/>", "'p' is an undeclared prefix", "line 1, column 2")]
    [InlineData("<a x=\"1\" x=\"2\"/>", "'x' is a duplicate attribute name", "line 1, column 10")]
    [InlineData("<a x=1/>", "unexpected token", "line 1, column 6")]
    [InlineData("<a>x</a", "Unexpected end of file", "line 1, column 8")]
    [InlineData("<1a/>", "cannot begin with the '1' character", "line 1, column 2")]
    [InlineData("<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><a/>", "does not support 'no-such-encoding' encoding", "line 1, column 31")]
    [InlineData("<a/><?xml version=\"1.0\"?>", "Unexpected XML declaration", "line 1, column 7")]
    public void Malformed_documents_name_the_problem_and_its_line_and_column(string xml, string problem, string location)
    {
        var ex = Fails(xml);
        Assert.StartsWith("Invalid XML: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Line ", ex.Message.Replace(ex.Location!, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(location, ex.Location);
        Assert.EndsWith($"({location})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_in_the_document_encoding()
    {
        var ex = Fails([(byte)'<', (byte)'a', (byte)'>', 0xFF, 0xFE, 0xFD, (byte)'<', (byte)'/', (byte)'a', (byte)'>']);
        Assert.Contains("Invalid character in the given encoding", ex.Message, StringComparison.Ordinal);
        Assert.Equal("line 1, column 4", ex.Location);
    }

    [Fact]
    public void Truncated_UTF16_is_an_error() =>
        Assert.IsType<FormatReadException>(Fails(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<a>x</a>")).SkipLast(1).ToArray()));

    [Theory]
    [InlineData(null)]
    [InlineData("row")]
    public void Nesting_deeper_than_MaxDepth(string? recordElement)
    {
        var xml = "<rows><row>" + string.Concat(Enumerable.Repeat("<a>", 3)) + string.Concat(Enumerable.Repeat("</a>", 3)) + "</row></rows>";
        var ok = new FormatOptions { MaxDepth = 5, RecordElement = recordElement };
        Assert.Single(XmlTestIO.Read(xml, ok).Records);

        var ex = Fails(xml, new FormatOptions { MaxDepth = 4, RecordElement = recordElement });
        Assert.Equal("XML elements are nested deeper than MaxDepth (4); element 'a' is at depth 5. (line 1, column 19)", ex.Message);
        Assert.Equal("line 1, column 19", ex.Location);
    }

    [Fact]
    public void Nesting_outside_records_counts_too()
    {
        var ex = Fails("<a><b><c><row/></c></b></a>", new FormatOptions { MaxDepth = 2, RecordElement = "row" });
        Assert.Contains("element 'c' is at depth 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_deep_document_fails_cleanly_at_the_default_limit()
    {
        var xml = string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000));
        Assert.Contains("MaxDepth (64)", Fails(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_larger_than_MaxDocumentChars()
    {
        var xml = "<a>" + new string('x', 5000) + "</a>";
        Assert.Single(XmlTestIO.Read(xml, new FormatOptions { MaxDocumentChars = 6000 }).Records);

        var ex = Fails(xml, new FormatOptions { MaxDocumentChars = 1000 });
        Assert.StartsWith("The XML document is larger than MaxDocumentChars (1000 characters)", ex.Message, StringComparison.Ordinal);
        Assert.Matches(@"^line 1, column \d+$", ex.Location);
    }

    [Fact]
    public void Records_before_a_malformed_part_are_delivered_then_the_error_names_its_place()
    {
        using var input = new MemoryStream("<rows>\n<row>1</row>\n<row>2</row>\n<row>3</rowx>\n</rows>"u8.ToArray());
        using var reader = new XmlFormat().CreateReader(input, new FormatOptions { RecordElement = "row" });
        Assert.True(reader.TryRead(out _));
        Assert.True(reader.TryRead(out _));
        var ex = Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.Equal("line 4, column 9", ex.Location);
        Assert.Contains("'row' start tag on line 4 position 2 does not match the end tag of 'rowx'", ex.Message, StringComparison.Ordinal);

        // After an error the reader is finished, not broken.
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Junk_after_the_last_record_is_an_error() =>
        Assert.Equal("line 1, column 27", Fails("<rows><row>1</row></rows><x/>", new FormatOptions { RecordElement = "row" }).Location);

    [Fact]
    public void A_whole_document_is_validated_before_its_record_is_returned()
    {
        using var input = new MemoryStream("<a>1</a><b/>"u8.ToArray());
        using var reader = new XmlFormat().CreateReader(input, new FormatOptions());
        Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
    }
}
