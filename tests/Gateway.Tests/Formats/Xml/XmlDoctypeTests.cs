using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// Documents with a DOCTYPE: the DTD is skipped unread, so a document that uses nothing of it converts, and one that
/// uses an entity it declares is refused. Nothing outside the document is ever read, and entities never expand.
/// </summary>
public class XmlDoctypeTests
{
    private static string EntityMessage(string name) => $"The document uses the entity '&{name};'. Entities other than &lt; &gt; &amp; &quot; &apos; and character references are not expanded, also when a DOCTYPE declares them, so that they cannot grow the document or read files and URLs: replace the reference with its text.";

    [Theory]
    [InlineData("<!DOCTYPE a><a>x</a>")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"http://127.0.0.1:1/a.dtd\"><a>x</a>")]
    [InlineData("<!DOCTYPE a PUBLIC \"-//X//DTD A//EN\" \"a.dtd\"><a>x</a>")]
    [InlineData("<!DOCTYPE a [<!ELEMENT a (#PCDATA)><!ENTITY unused \"never used\">]><a>x</a>")]
    [InlineData("<!DOCTYPE a [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><a>x</a>")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE a [ <!ENTITY % ext SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %ext; ]>\n<a>x</a>")]
    public void A_document_that_uses_nothing_of_its_dtd_converts(string xml)
    {
        Assert.Equal("{\"a\":\"x\"}", XmlTestIO.ReadOne(xml));
    }

    [Fact]
    public void Default_attributes_of_the_dtd_are_not_applied()
    {
        const string Xml = "<!DOCTYPE a [<!ATTLIST a kind CDATA #FIXED \"k\" xmlns CDATA #FIXED \"urn:x\">]><a>x</a>";
        Assert.Equal("{\"a\":\"x\"}", XmlTestIO.ReadOne(Xml));
    }

    [Fact]
    public void A_document_that_uses_a_declared_entity_is_refused_and_told_what_to_do()
    {
        var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.ReadOne("<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>"));
        Assert.Equal(EntityMessage("x"), ex.Message[..ex.Message.LastIndexOf(" (", StringComparison.Ordinal)]);
        Assert.Equal("line 2, column 5", ex.Location);
    }

    [Fact]
    public void An_entity_without_a_doctype_gets_the_same_answer()
    {
        var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.ReadOne("<a>&foo;</a>"));
        Assert.Equal(EntityMessage("foo") + " (line 1, column 5)", ex.Message);
    }

    [Fact]
    public void An_external_entity_is_refused_without_reading_its_file()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"gateway-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var xml = $"<!DOCTYPE a [<!ENTITY xxe SYSTEM \"{new Uri(secret).AbsoluteUri}\">]><a>&xxe;</a>";
            var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.ReadOne(xml));
            Assert.StartsWith("The document uses the entity '&xxe;'.", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_entity_bomb_is_refused_at_once_in_whole_document_and_record_mode()
    {
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append(CultureInfoInvariant($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        }

        // Expanded, &lol9; would be 3 GB of text; it is refused before anything is expanded.
        var xml = dtd + "]><lolz><row>&lol9;</row></lolz>";
        foreach (var options in new[] { new FormatOptions(), new FormatOptions { RecordElement = "row" } })
        {
            var ex = Assert.Throws<FormatReadException>(() => XmlTestIO.Read(xml, options));
            Assert.StartsWith("The document uses the entity '&lol9;'.", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Predefined_entities_and_character_references_still_work_beside_a_doctype()
    {
        using var json = System.Text.Json.JsonDocument.Parse(XmlTestIO.ReadOne("<!DOCTYPE a><a>&lt;&amp;&gt;&quot;&apos;&#233;</a>"));
        Assert.Equal("<&>\"'é", json.RootElement.GetProperty("a").GetString());
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
