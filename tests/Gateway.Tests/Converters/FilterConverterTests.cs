using Gateway.Core.Converters;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class FilterConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private ConverterPipeline Filter(string expression)
        => _host.Build($$"""[ { "Type": "Filter", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} } ]""");

    [Fact]
    public void Keeps_the_records_of_an_array_for_which_the_expression_is_true()
    {
        var pipeline = Filter("status == 'open' && total > `100`");
        Assert.Equal(
            Compact("""[{"status":"open","total":150},{"status":"open","total":101.5}]"""),
            RunOne(pipeline, """[{"status":"open","total":150},{"status":"closed","total":500},{"status":"open","total":50},{"status":"open","total":101.5}]"""));
    }

    [Fact]
    public void Kept_records_are_copied_as_they_are()
    {
        Assert.Equal("""[{"n":1.50,"big":123456789012345678901234567890}]""", RunOne(Filter("n"), """[{"n":1.50,"big":123456789012345678901234567890}]"""));
    }

    [Fact]
    public void A_single_record_that_fails_drops_the_message()
    {
        var pipeline = Filter("ok");
        Assert.Empty(pipeline.Run(JsonMessage("""{"ok":false}""")));
        Assert.Single(pipeline.Run(JsonMessage("""{"ok":true}""")));
    }

    [Fact]
    public void An_array_whose_records_all_fail_becomes_an_empty_array()
    {
        Assert.Equal("[]", RunOne(Filter("ok"), """[{"ok":false},{}]"""));
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("\"\"", false)]
    [InlineData("[]", false)]
    [InlineData("{}", false)]
    [InlineData("0", true)]
    [InlineData("\"0\"", true)]
    [InlineData("[false]", true)]
    [InlineData("{\"a\":null}", true)]
    [InlineData("true", true)]
    public void Truthiness_follows_jmespath_rules(string value, bool kept)
    {
        var output = Filter("v").Run(JsonMessage($$"""{"v":{{value}}}"""));
        Assert.Equal(kept ? 1 : 0, output.Count);
    }

    [Fact]
    public void A_missing_field_is_falsy()
    {
        Assert.Equal("[{\"a\":1}]", RunOne(Filter("a"), """[{"a":1},{"b":1}]"""));
    }

    [Fact]
    public void An_evaluation_error_names_the_step_and_the_record()
    {
        var pipeline = Filter("length(n) > `1`");
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""[{"n":"ab"},{"n":5}]""")));
        Assert.StartsWith("Step 0 (Filter): record 2: JMESPath expression 'length(n) > `1`' failed: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid-type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_evaluations_each_get_the_right_answer()
    {
        var pipeline = Filter("let $limit = threshold in length(items[?v > $limit]) == expected");
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var threshold = i % 7;
            var items = string.Join(",", Enumerable.Range(0, 10).Select(v => $$"""{"v":{{v}}}"""));
            var json = $$"""{"threshold":{{threshold}},"items":[{{items}}],"expected":{{9 - threshold}}}""";
            Assert.Single(pipeline.Run(JsonMessage(json)));
            var wrong = json.Replace($"\"expected\":{9 - threshold}", $"\"expected\":{10 - threshold}", StringComparison.Ordinal);
            Assert.Empty(pipeline.Run(JsonMessage(wrong)));
        });
    }

    [Theory]
    [InlineData("a.[", "Expression: 'a.[' is not a valid JMESPath expression: ")]
    [InlineData("nofunction(a)", "Expression: 'nofunction(a)' is not a valid JMESPath expression: ")]
    public void A_syntax_error_is_an_option_error_naming_the_step_path(string expression, string expected)
    {
        var error = Assert.Single(_host.Errors($$"""[ { "Type": "Rename", "Map": { "a": "b" } }, { "Type": "Filter", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} } ]"""));
        Assert.StartsWith($"{StepsPath}:1:{expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expression_is_required()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Filter" } ]"""));
        Assert.StartsWith($"{StepsPath}:0:Expression: ", error, StringComparison.Ordinal);
    }
}
