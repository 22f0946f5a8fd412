using System.Text.Json;
using Gateway.Converters.Validation;
using Gateway.Core.Converters;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class JsonSchemaValidateTests : IDisposable
{
    private static readonly string SchemasDirectory = Path.Combine(AppContext.BaseDirectory, "samples", "converters", "schemas");
    private static readonly string OrderSchema = Path.Combine(SchemasDirectory, "order.schema.json");

    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private ConverterPipeline Validate(string option, string value)
        => _host.Build($$"""[ { "Type": "Validate", "{{option}}": {{JsonSerializer.Serialize(value)}} } ]""");

    [Fact]
    public void A_valid_record_passes_unchanged()
    {
        var message = JsonMessage("""{"id":1,"lines":[{"sku":"a","qty":2}]}""");
        Assert.Same(message, Assert.Single(Validate("Schema", OrderSchema).Run(message)));
    }

    [Fact]
    public void Each_record_of_an_array_is_validated_and_every_error_listed_with_its_record_and_path()
    {
        var pipeline = Validate("Schema", OrderSchema);
        var json = """[{"id":1,"lines":[]},{"id":"x","lines":[{"sku":"a","qty":0}]},{"lines":[{"qty":2}]}]""";

        var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(JsonMessage(json)));

        var inner = Assert.IsType<MessageValidationException>(ex.InnerException);
        Assert.Equal(
            [
                "record 2: $.id: integer expected",
                "record 2: $.lines[0].qty: number too small",
                "record 3: $.id: property required",
                "record 3: $.lines[0].sku: property required",
            ],
            inner.Errors.Order(StringComparer.Ordinal));
        Assert.StartsWith("Step 0 (Validate): JSON Schema validation failed with 4 error(s): record ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_loaded_schema_validates_concurrent_messages()
    {
        var pipeline = Validate("Schema", OrderSchema);
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (i % 2 == 0)
            {
                Assert.Single(pipeline.Run(JsonMessage($$"""{"id":{{i}},"lines":[{"sku":"s{{i}}","qty":{{i + 1}}}]}""")));
            }
            else
            {
                var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(JsonMessage($$"""{"id":{{i}},"lines":[{"qty":0}]}""")));
                Assert.Equal(2, Assert.IsType<MessageValidationException>(ex.InnerException).Errors.Count);
            }
        });
    }

    [Fact]
    public void An_inline_schema_validates_a_single_record()
    {
        var pipeline = Validate("InlineSchema", """{ "type": "object", "properties": { "v": { "enum": [1, 2] } } }""");
        Assert.Single(pipeline.Run(JsonMessage("""{"v":2}""")));
        var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(JsonMessage("""{"v":3}""")));
        Assert.Equal(["record 1: $.v: not in enumeration"], Assert.IsType<MessageValidationException>(ex.InnerException).Errors);
    }

    [Fact]
    public void A_failed_one_of_lists_what_each_alternative_found()
    {
        var pipeline = Validate("InlineSchema", """{ "properties": { "a": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] } } }""");
        var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(JsonMessage("""{"a":true}""")));
        Assert.Equal(
            ["record 1: $.a: not one of (the alternatives found: string expected | integer expected)"],
            Assert.IsType<MessageValidationException>(ex.InnerException).Errors);
    }

    [Fact]
    public void The_list_of_errors_is_capped_and_counts_the_rest()
    {
        var pipeline = Validate("InlineSchema", """{ "type": "object" }""");
        var json = "[" + string.Join(",", Enumerable.Repeat("1", JsonSchemaValidateConverter.MaxReportedErrors + 50)) + "]";
        var ex = Assert.Throws<MessageValidationException>(() => pipeline.Run(JsonMessage(json)));
        var errors = Assert.IsType<MessageValidationException>(ex.InnerException).Errors;
        Assert.Equal(JsonSchemaValidateConverter.MaxReportedErrors + 1, errors.Count);
        Assert.Equal("... and 50 more errors", errors[^1]);
        Assert.Contains("failed with 150 error(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_schema_path_resolves_against_the_current_directory()
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), OrderSchema);
        Assert.Single(Validate("Schema", relative).Run(JsonMessage("""{"id":1,"lines":[]}""")));
    }

    [Fact]
    public void A_relative_schema_path_is_also_looked_for_in_a_schemas_folder()
    {
        var baseDirectory = Path.Combine(AppContext.BaseDirectory, "samples", "converters");
        Assert.True(SchemaFiles.TryResolve("order.schema.json", baseDirectory, out var fullPath, out _));
        Assert.Equal(OrderSchema, fullPath);
        Assert.True(SchemaFiles.TryResolve("schemas/order.schema.json", baseDirectory, out fullPath, out _));
        Assert.Equal(OrderSchema, fullPath);
        Assert.False(SchemaFiles.TryResolve("nope.json", baseDirectory, out _, out var error));
        Assert.Equal($"schema file 'nope.json' not found (looked for '{Path.Combine(baseDirectory, "nope.json")}' and '{Path.Combine(baseDirectory, "schemas", "nope.json")}').", error);
    }

    [Theory]
    [InlineData("""{ "Schema": "no-such.schema.json" }""", "Schema: schema file 'no-such.schema.json' not found (looked for ")]
    [InlineData("""{ "InlineSchema": "{ not json" }""", "InlineSchema: cannot load the inline schema as a JSON Schema: ")]
    [InlineData("""{ "InlineSchema": "{ \"$ref\": \"#/definitions/missing\" }" }""", "InlineSchema: cannot load the inline schema as a JSON Schema: ")]
    [InlineData("""{ }""", "Schema: exactly one of Schema (a JSON Schema file), InlineSchema (JSON Schema text) or Xsd (an XSD file) is required; none is set.")]
    [InlineData("""{ "Schema": "a.json", "InlineSchema": "{}" }""", "Schema, Gateway:Routes:r:Converters:0:InlineSchema: exactly one of Schema")]
    [InlineData("""{ "Xsd": "no-such.xsd" }""", "Xsd: schema file 'no-such.xsd' not found")]
    public void Bad_options_are_errors_at_their_config_path(string options, string expected)
    {
        var step = options.TrimEnd().TrimEnd('}').TrimEnd().TrimEnd(',');
        var json = step.Trim() == "{" ? """[ { "Type": "Validate" } ]""" : $"[ {step}, \"Type\": \"Validate\" }} ]";
        var error = Assert.Single(_host.Errors(json));
        Assert.StartsWith($"{StepsPath}:0:{expected}", error, StringComparison.Ordinal);
    }
}
