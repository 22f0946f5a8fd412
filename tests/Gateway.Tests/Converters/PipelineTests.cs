using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class PipelineTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Every_built_in_converter_is_registered()
    {
        Assert.Equal(
            ["Drop", "Filter", "Map", "Rename", "Select", "Set", "Split", "Validate"],
            _host.Catalog.Types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Steps_run_in_order_on_every_record()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Rename", "Map": { "t": "temperature" } },
              { "Type": "Filter", "Expression": "temperature > `20`" },
              { "Type": "Set", "Values": { "/unit": "\"C\"" } },
              { "Type": "Map", "Expression": "{ t: temperature, unit: unit }" } ]
            """);
        Assert.Equal(
            Compact("""[{"t":25,"unit":"C"},{"t":30.5,"unit":"C"}]"""),
            RunOne(pipeline, """[{"t":25},{"t":10},{"t":30.5}]"""));
    }

    [Fact]
    public void A_single_record_body_stays_a_single_record()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Drop", "Paths": [ "/b" ] },
              { "Type": "Set", "Values": { "/c": "[1]" } } ]
            """);
        Assert.Equal("""{"a":1,"c":[1]}""", RunOne(pipeline, """{"a":1,"b":2}"""));
    }

    [Fact]
    public void A_filter_that_drops_a_single_record_ends_the_pipeline_for_that_message()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Filter", "Expression": "keep" },
              { "Type": "Set", "Values": { "/never": "1" } } ]
            """);
        Assert.Empty(pipeline.Run(JsonMessage("""{"keep":false}""")));
    }

    [Fact]
    public void Errors_of_every_step_are_listed_together_by_config_path()
    {
        var errors = _host.Errors("""
            [ { "Type": "Rename", "Map": { "/a~": "b" } },
              { "Type": "Frobnicate" },
              { "Type": "Filter", "Expression": "a.[" },
              { "Type": "Map", "Expression": "@", "Extra": 1 } ]
            """);
        Assert.Collection(
            errors,
            e => Assert.StartsWith($"{StepsPath}:0:Map:/a~: ", e, StringComparison.Ordinal),
            e => Assert.StartsWith($"{StepsPath}:1:Type: unknown converter type 'Frobnicate'. Known types: Drop, Filter, Map, Rename, Select, Set, Split, Validate.", e, StringComparison.Ordinal),
            e => Assert.StartsWith($"{StepsPath}:2:Expression: ", e, StringComparison.Ordinal),
            e => Assert.StartsWith($"{StepsPath}:3:Extra: unknown option 'Extra'", e, StringComparison.Ordinal));
    }

    [Fact]
    public void In_memory_key_value_configuration_binds_the_same_way()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Routes:r:Converters:0:Type"] = "rename",
            ["Gateway:Routes:r:Converters:0:Map:qty"] = "quantity",
            ["Gateway:Routes:r:Converters:1:Type"] = "SELECT",
            ["Gateway:Routes:r:Converters:1:Paths:0"] = "/quantity",
        }).Build();
        var pipeline = _host.Catalog.Build(configuration.GetSection(StepsPath), new FormatOptions());
        Assert.Equal("""[{"quantity":2},{}]""", RunOne(pipeline, """[{"qty":2,"x":1},{"y":0}]"""));
    }

    [Fact]
    public void A_json_body_with_a_byte_order_mark_reaches_the_steps_without_it()
    {
        var pipeline = _host.Build("""[ { "Type": "Rename", "Map": { "qty": "quantity" } } ]""");
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes("""{"qty":1}""")).ToArray();
        var output = pipeline.Run(new Message(body, "json"));
        Assert.Equal("""{"quantity":1}""", Body(Assert.Single(output)));
    }

    [Fact]
    public void A_step_failure_names_the_step()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Rename", "Map": { "a": "b" } },
              { "Type": "Map", "Expression": "abs(b)" } ]
            """);
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""[{"a":-1},{"a":"x"}]""")));
        Assert.StartsWith("Step 1 (Map): record 2: JMESPath expression 'abs(b)' failed: ", ex.Message, StringComparison.Ordinal);
    }
}
