using System.Text;
using Gateway.Core.Formats;
using Gateway.Formats.Xml;

namespace Gateway.Tests.Formats.Xml;

public class XmlRecordElementTests
{
    private static FormatOptions Rows(Action<FormatOptions>? configure = null)
    {
        var options = new FormatOptions { RecordElement = "row" };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public void Each_record_element_is_one_record_holding_its_value()
    {
        var (isSequence, records) = XmlTestIO.Read(
            """<rows><row id="1"><v>a</v></row><row>text</row><row/><row><v>1</v><v>2</v></row></rows>""", Rows());
        Assert.True(isSequence);
        Assert.Equal(["""{"@id":"1","v":"a"}""", "\"text\"", "null", """{"v":["1","2"]}"""], records);
    }

    [Fact]
    public void Content_outside_records_is_skipped_and_nested_records_are_found()
    {
        var (_, records) = XmlTestIO.Read(
            """<doc><meta>m</meta><group><row>1</row></group><row><row>inner</row></row><tail/></doc>""", Rows());
        Assert.Equal(["\"1\"", """{"row":"inner"}"""], records);
    }

    [Fact]
    public void A_document_without_record_elements_is_an_empty_sequence()
    {
        var (isSequence, records) = XmlTestIO.Read("<rows><other/></rows>", Rows());
        Assert.True(isSequence);
        Assert.Empty(records);
    }

    [Fact]
    public void ArrayPaths_are_relative_to_the_record_element()
    {
        var (_, records) = XmlTestIO.Read(
            "<rows><row><line>1</line></row><row><line>2</line><line>3</line></row></rows>", Rows(o => o.ArrayPaths = ["line"]));
        Assert.Equal(["""{"line":["1"]}""", """{"line":["2","3"]}"""], records);
    }

    [Fact]
    public void Prefixed_record_elements_match_by_qualified_name()
    {
        var (_, records) = XmlTestIO.Read(
            """<r xmlns:p="urn:p"><p:row>1</p:row><row>2</row></r>""", new FormatOptions { RecordElement = "p:row" });
        Assert.Equal(["\"1\""], records);
    }

    [Fact]
    public void Records_carry_the_namespace_declarations_they_use_from_outside()
    {
        var (_, records) = XmlTestIO.Read(
            """<rows xmlns="urn:d" xmlns:p="urn:p" xmlns:q="urn:q"><row><p:a>1</p:a></row><row q:x="2"/><row xmlns:p="urn:other"><p:a/><b/></row><row>t</row></rows>""",
            Rows());
        Assert.Equal(
            [
                """{"@xmlns:p":"urn:p","p:a":"1"}""",
                """{"@xmlns:q":"urn:q","@q:x":"2"}""",
                """{"@xmlns":"urn:d","@xmlns:p":"urn:other","p:a":null,"b":null}""",
                "\"t\"",
            ],
            records);
    }

    [Fact]
    public void Declarations_of_elements_that_have_ended_are_not_inherited()
    {
        var (_, records) = XmlTestIO.Read(
            """<r><g xmlns="urn:d" xmlns:p="urn:p"><row><p:a/><b/></row></g><h xmlns="urn:h"/><row><b/></row><row><c/></row></r>""",
            Rows());
        Assert.Equal(["""{"@xmlns:p":"urn:p","@xmlns":"urn:d","p:a":null,"b":null}""", """{"b":null}""", """{"c":null}"""], records);
    }

    [Fact]
    public void Records_round_trip_through_the_writer_as_a_rows_document()
    {
        const string Xml = """<rows><row id="1"><name>Ada</name><tag>a</tag><tag>b</tag></row><row id="2"><name>Bob</name></row><row /></rows>""";
        var options = new FormatOptions { RecordElement = "row", RootElement = "rows", ItemElement = "row" };
        var bytes = FormatConverter.Convert(Encoding.UTF8.GetBytes(Xml), new XmlFormat(), new XmlFormat(), options, out var count);
        Assert.Equal(3, count);
        Assert.Equal(Xml, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Streams_a_large_document_one_record_at_a_time()
    {
        const int Rows = 200_000;
        using var input = new GeneratedRowsStream(Rows);
        using var reader = new XmlFormat().CreateReader(input, Rows_());
        Assert.True(reader.TryRead(out var first));
        JsonStructure.AssertEqual("""{"@id":0,"name":"name 0","qty":0,"ok":true}""", System.Text.Encoding.UTF8.GetString(first.Span));

        // The first record comes out after a few kilobytes of a multi-megabyte input: the reader streams.
        Assert.True(input.Position < 64 * 1024, $"read {input.Position} bytes before the first record");
        Assert.True(input.Length > 10_000_000);
        long count = 1;
        var maxRecord = 0;
        while (reader.TryRead(out var record))
        {
            count++;
            maxRecord = Math.Max(maxRecord, record.Length);
        }

        Assert.Equal(Rows, count);
        Assert.True(maxRecord < 200, $"a record was {maxRecord} bytes");

        static FormatOptions Rows_() => new() { RecordElement = "row", InferTypes = true, MaxDocumentChars = 1000 };
    }

    [Fact]
    public void MaxDocumentChars_applies_per_record()
    {
        var options = Rows(o => o.MaxDocumentChars = 20);
        var (_, records) = XmlTestIO.Read("<rows><row>0123456789</row><row>0123456789</row><row>0123456789</row></rows>", options);
        Assert.Equal(3, records.Count);

        var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.Read("<rows><row>0123456789</row><row>0123456789012345678901</row></rows>", options));
        Assert.Contains("MaxDocumentChars (20", ex.Message, StringComparison.Ordinal);
        // The location is the start of the node that went over the limit.
        Assert.Equal("line 1, column 33", ex.Location);
    }

    [Fact]
    public void Many_small_nodes_between_records_are_not_one_big_node()
    {
        // 200 KB of comments and processing instructions between two records, against a guard of about 65 KB.
        var filler = string.Concat(Enumerable.Repeat("<!-- a comment of some length --><?pi data?>", 4000));
        var (_, records) = XmlTestIO.Read($"<rows><row>1</row>{filler}<row>2</row></rows>", Rows(o => o.MaxDocumentChars = 100));
        Assert.Equal(["\"1\"", "\"2\""], records);
    }

    [Fact]
    public void A_giant_node_is_stopped_by_the_byte_guard_before_it_fills_memory()
    {
        // 8 MB of text in one node, against a 1000-character limit: the guard stops reading long before the end.
        using var input = new GiantTextStream(8 * 1024 * 1024);
        using var reader = new XmlFormat().CreateReader(input, Rows(o => o.MaxDocumentChars = 1000));
        var ex = Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.Contains("MaxDocumentChars (1000", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 1, column ", ex.Location, StringComparison.Ordinal);
        Assert.True(input.Position < 1024 * 1024, $"read {input.Position} bytes");
    }
}
