using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

/// <summary><c>MaxAttributes</c> and <c>MaxNames</c>: attribute and name floods stop early, in bounded memory.</summary>
public class XmlNameLimitTests
{
    private const string TooManyAttributes =
        "An XML element has more than MaxAttributes (3) attributes (namespace declarations included); raise MaxAttributes if the input is trusted.";

    [Fact]
    public void An_element_with_more_attributes_than_MaxAttributes_is_refused_with_its_count()
    {
        var ex = Fails("<r>\n<e a=\"1\" b=\"2\" c=\"3\" d=\"4\"/></r>", new FormatOptions { MaxAttributes = 3 });
        Assert.Equal(TooManyAttributes + " (line 2, column 2)", ex.Message);
    }

    [Theory]
    [InlineData("<r a=\"1\" b=\"2\" c=\"3\"/>")]
    [InlineData("<r xmlns=\"urn:d\" xmlns:p=\"urn:p\" p:a=\"1\"><e x=\"1\" y=\"2\" z=\"3\"/></r>")]
    public void MaxAttributes_attributes_are_accepted(string xml) =>
        Assert.Single(XmlTestIO.Read(xml, new FormatOptions { MaxAttributes = 3 }).Records);

    [Fact]
    public void Namespace_declarations_count_as_attributes() =>
        Assert.Equal(TooManyAttributes + " (line 1, column 2)", Fails("<r xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" a=\"1\"/>", new FormatOptions { MaxAttributes = 3 }).Message);

    [Theory]
    [InlineData("<rows><row><v a=\"1\" b=\"2\" c=\"3\" d=\"4\"/></row></rows>")]
    [InlineData("<rows a=\"1\" b=\"2\" c=\"3\" d=\"4\"><row/></rows>")]
    public void MaxAttributes_holds_inside_and_outside_records(string xml) =>
        Assert.StartsWith(TooManyAttributes, Fails(xml, new FormatOptions { MaxAttributes = 3, RecordElement = "row" }).Message, StringComparison.Ordinal);

    [Fact]
    public void Entity_references_comments_and_processing_instructions_are_not_counted_as_attributes()
    {
        var many = string.Concat(Enumerable.Repeat("&lt;&amp;&#65;", 1000));
        var xml = $"<r a=\"{many}\">{many}{string.Concat(Enumerable.Repeat("<!--c--><?pi d?><![CDATA[x]]>", 1000))}</r>";
        Assert.Single(XmlTestIO.Read(xml, new FormatOptions { MaxAttributes = 1, MaxNames = 3 }).Records);
    }

    [Fact]
    public void Thirty_MB_of_attributes_on_one_element_stop_early_in_bounded_memory()
    {
        var body = AttributeFlood(2_400_000, i => $" a{i}=\"x\"");
        Assert.InRange(body.Length, 29_000_000, 30 * 1024 * 1024);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Fails(body, new FormatOptions());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Without the limit the parser held every attribute (1.1 GB, a minute of CPU); now it stops after about 6,000.
        Assert.Equal(
            "An XML element has more than MaxAttributes (1000) attributes (namespace declarations included); raise MaxAttributes if the input is trusted. (line 1, column 2)",
            ex.Message);
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_flood_of_one_repeated_attribute_stops_before_the_duplicate_check()
    {
        // The parser checks duplicates only after the whole start tag once an element has many attributes.
        var body = AttributeFlood(1_000_000, _ => " a=\"x\"");
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Fails(body, new FormatOptions());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.StartsWith("An XML element has more than MaxAttributes (1000) attributes", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_document_with_more_distinct_names_than_MaxNames_is_refused()
    {
        var ex = Fails("<r><a/><b/><a/><c/>\n<d/></r>", new FormatOptions { MaxNames = 4 });
        Assert.Equal(
            "The XML document uses more than MaxNames (4) distinct names (element and attribute names, prefixes and namespace URIs); " +
            "raise MaxNames if the input is trusted. (line 2, column 2)",
            ex.Message);
    }

    [Fact]
    public void MaxNames_counts_repeated_names_once_and_spans_the_records_of_a_stream()
    {
        var options = new FormatOptions { MaxNames = 3, RecordElement = "row" };
        Assert.Equal(3, XmlTestIO.Read("<rows><row a=\"1\"/><row a=\"2\"/><row a=\"3\"/></rows>", options).Records.Count);
        Assert.StartsWith("The XML document uses more than MaxNames (3)", Fails("<rows><row a=\"1\"/><row b=\"2\"/></rows>", options).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_element_names_by_the_million_stop_at_MaxNames_in_bounded_memory()
    {
        var text = new StringBuilder("<r>");
        for (var i = 0; i < 1_000_000; i++)
        {
            text.Append("<n").Append(i).Append("/>");
        }

        var body = Encoding.UTF8.GetBytes(text.Append("</r>").ToString());
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Fails(body, new FormatOptions());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.StartsWith("The XML document uses more than MaxNames (100000)", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    /// <summary>One element with <paramref name="count"/> attributes, as UTF-8.</summary>
    internal static byte[] AttributeFlood(int count, Func<int, string> attribute)
    {
        var text = new StringBuilder("<r", count * 12);
        for (var i = 0; i < count; i++)
        {
            text.Append(attribute(i));
        }

        return Encoding.UTF8.GetBytes(text.Append("/>").ToString());
    }

    private static FormatReadException Fails(string xml, FormatOptions options) => Fails(Encoding.UTF8.GetBytes(xml), options);

    private static FormatReadException Fails(byte[] xml, FormatOptions options) =>
        Assert.Throws<FormatReadException>(() => XmlTestIO.Read(xml, options));
}
