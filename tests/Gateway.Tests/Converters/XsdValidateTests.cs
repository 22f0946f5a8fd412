using System.Text;
using Gateway.Converters.Validation;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class XsdValidateTests : IDisposable
{
    private static readonly string SchemasDirectory = Path.Combine(AppContext.BaseDirectory, "samples", "converters", "schemas");
    private static readonly string OrderXsd = Path.Combine(SchemasDirectory, "order.xsd");

    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static IMessageConverter Converter() => new ValidateOptions { Xsd = OrderXsd }.CreateConverter();

    private static Message Xml(string xml) => new(Encoding.UTF8.GetBytes(xml), FormatNames.Xml, "in");

    private static List<Message> Run(string xml)
    {
        var output = new List<Message>();
        Converter().Convert(Xml(xml), output);
        return output;
    }

    [Fact]
    public void The_step_works_on_the_body_as_it_arrived()
    {
        Assert.False(Converter().RequiresCanonical);
    }

    [Fact]
    public void A_valid_document_passes_unchanged()
    {
        var message = Xml("""<?xml version="1.0"?><order><id>7</id><line sku="a" qty="2"/></order>""");
        var output = new List<Message>();
        Converter().Convert(message, output);
        Assert.Same(message, Assert.Single(output));
    }

    [Fact]
    public void Every_error_is_listed_with_its_line_and_column()
    {
        var ex = Assert.Throws<MessageValidationException>(() => Run("<order>\n  <id>x</id>\n  <line sku=\"a\" qty=\"0\"/>\n</order>"));
        Assert.Equal(2, ex.Errors.Count);
        Assert.StartsWith("line 2, column ", ex.Errors[0], StringComparison.Ordinal);
        Assert.Contains("'id'", ex.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3, column ", ex.Errors[1], StringComparison.Ordinal);
        Assert.Contains("'qty'", ex.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("XSD validation failed with 2 error(s): line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_element_the_schema_does_not_declare_fails()
    {
        var ex = Assert.Throws<MessageValidationException>(() => Run("<invoice><id>1</id></invoice>"));
        Assert.StartsWith("line 1, column 2: ", Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.Contains("'invoice'", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_element_in_a_namespace_the_schema_does_not_know_fails()
    {
        // The XML validator only warns about elements of unknown namespaces; the step does not let them through.
        var ex = Assert.Throws<MessageValidationException>(() => Run("""<x:order xmlns:x="urn:other"><id>1</id></x:order>"""));
        Assert.Equal("line 1, column 2: the root element 'x:order' (namespace 'urn:other') is not declared in the schema.", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Malformed_xml_is_a_read_error_with_its_location()
    {
        var ex = Assert.Throws<FormatReadException>(() => Run("<order><id>1</id>"));
        Assert.StartsWith("The body is not well-formed XML: ", ex.Message, StringComparison.Ordinal);
        Assert.Matches("^line 1, column [0-9]+$", ex.Location!);
    }

    [Fact]
    public void A_dtd_is_refused()
    {
        var ex = Assert.Throws<FormatReadException>(() => Run("<!DOCTYPE order [ <!ENTITY x \"boom\"> ]><order><id>&x;</id></order>"));
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Through_a_pipeline_an_invalid_xml_body_fails_before_it_is_decoded()
    {
        var pipeline = _host.Build($$"""[ { "Type": "Validate", "Xsd": {{System.Text.Json.JsonSerializer.Serialize(OrderXsd)}} } ]""");
        var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(Xml("<order><id>x</id></order>")));
        Assert.StartsWith("Step 0 (Validate): XSD validation failed with ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_json_step_the_xsd_step_says_it_must_come_first()
    {
        var pipeline = _host.Build($$"""
            [ { "Type": "Rename", "Map": { "a": "b" } },
              { "Type": "Validate", "Xsd": {{System.Text.Json.JsonSerializer.Serialize(OrderXsd)}} } ]
            """);
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""{"a":1}""")));
        Assert.Equal(
            "Step 1 (Validate): XSD validation needs the XML body as it arrived, but this message is Json. " +
            "XSD validation must come first in the pipeline for XML input, before any step that works on JSON.",
            ex.Message);
    }

    [Fact]
    public void A_schema_that_does_not_compile_is_an_option_error()
    {
        var broken = Path.Combine(SchemasDirectory, "broken.xsd");
        var error = Assert.Single(_host.Errors($$"""[ { "Type": "Validate", "Xsd": {{System.Text.Json.JsonSerializer.Serialize(broken)}} } ]"""));
        Assert.StartsWith($"{StepsPath}:0:Xsd: the XSD '{broken}' is not valid: line 3, column ", error, StringComparison.Ordinal);
        Assert.Contains("NoSuchType", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_xml_is_an_option_error()
    {
        var notXml = Path.Combine(SchemasDirectory, "order.schema.json");
        var error = Assert.Single(_host.Errors($$"""[ { "Type": "Validate", "Xsd": {{System.Text.Json.JsonSerializer.Serialize(notXml)}} } ]"""));
        Assert.StartsWith($"{StepsPath}:0:Xsd: cannot load the XSD '{notXml}': ", error, StringComparison.Ordinal);
    }
}
