using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class RenameConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Run(string map, string json) => RunOne(_host.Build($$"""[ { "Type": "Rename", "Map": {{map}} } ]"""), json);

    [Fact]
    public void Renames_a_top_level_property_in_place()
    {
        Assert.Equal(Compact("""{"id":1,"quantity":3,"sku":"a"}"""), Run("""{ "qty": "quantity" }""", """{"id":1,"qty":3,"sku":"a"}"""));
    }

    [Fact]
    public void Renames_every_record_of_a_top_level_array()
    {
        Assert.Equal(
            Compact("""[{"quantity":1},{"quantity":2,"x":true},{"other":0}]"""),
            Run("""{ "qty": "quantity" }""", """[{"qty":1},{"qty":2,"x":true},{"other":0}]"""));
    }

    [Fact]
    public void A_plain_name_only_renames_the_top_level_property()
    {
        Assert.Equal(
            Compact("""{"quantity":1,"nested":{"qty":2}}"""),
            Run("""{ "qty": "quantity" }""", """{"qty":1,"nested":{"qty":2}}"""));
    }

    [Fact]
    public void A_pointer_renames_a_nested_property()
    {
        Assert.Equal(
            Compact("""{"zip":"top","address":{"city":"Lyon","postcode":"69001"}}"""),
            Run("""{ "/address/zip": "postcode" }""", """{"zip":"top","address":{"city":"Lyon","zip":"69001"}}"""));
    }

    [Fact]
    public void A_pointer_can_go_through_an_array_index()
    {
        Assert.Equal(
            Compact("""{"lines":[{"quantity":1},{"qty":2}]}"""),
            Run("""{ "/lines/0/qty": "quantity" }""", """{"lines":[{"qty":1},{"qty":2}]}"""));
    }

    [Fact]
    public void A_pointer_uses_rfc6901_escapes()
    {
        Assert.Equal(
            Compact("""{"a/b":{"plain":1}}"""),
            Run("""{ "/a~1b/c~0d": "plain" }""", """{"a/b":{"c~d":1}}"""));
    }

    [Fact]
    public void Missing_properties_are_left_alone()
    {
        Assert.Equal(
            Compact("""{"id":1,"address":"not an object"}"""),
            Run("""{ "qty": "quantity", "/address/zip": "postcode", "/lines/3/x": "y" }""", """{"id":1,"address":"not an object"}"""));
    }

    [Fact]
    public void Renames_use_the_names_the_record_had_so_two_properties_swap()
    {
        Assert.Equal(Compact("""{"b":1,"a":2}"""), Run("""{ "a": "b", "b": "a" }""", """{"a":1,"b":2}"""));
    }

    [Fact]
    public void A_renamed_property_replaces_an_existing_property_with_the_new_name()
    {
        Assert.Equal(Compact("""{"quantity":3,"id":1}"""), Run("""{ "qty": "quantity" }""", """{"quantity":"old","qty":3,"id":1}"""));
    }

    [Fact]
    public void A_parent_and_a_child_can_both_be_renamed()
    {
        Assert.Equal(
            Compact("""{"addr":{"postcode":"1"}}"""),
            Run("""{ "address": "addr", "/address/zip": "postcode" }""", """{"address":{"zip":"1"}}"""));
    }

    [Fact]
    public void Text_stays_utf8_and_numbers_keep_their_text()
    {
        Assert.Equal(
            """{"nom":"Zoë <ok> & \"q\"","ville":"Besançon","n":1.50}""",
            Run("""{ "name": "nom" }""", """{"name":"Zoë <ok> & \"q\"","ville":"Besançon","n":1.50}"""));
    }

    [Fact]
    public void Scalar_records_pass_unchanged()
    {
        Assert.Equal("[1,\"qty\",null]", Run("""{ "qty": "quantity" }""", """[1,"qty",null]"""));
    }

    [Theory]
    [InlineData("""{ "/a/~2": "x" }""", "Map:/a/~2: '/a/~2' is not a valid JSON Pointer")]
    [InlineData("""{ "a": "" }""", "Map:a: the new name of 'a' is empty")]
    [InlineData("""{ "a": "x", "b": "x" }""", "Map:b: 'b' and 'a' would both be renamed to 'x' in the same object")]
    [InlineData("""{ "a": "x", "/a": "y" }""", "Map:a: 'a' is renamed twice (the same property as /a)")]
    [InlineData("""{ }""", "Map: Map needs at least one entry")]
    public void Bad_options_are_errors_at_their_config_path(string map, string expected)
    {
        var errors = _host.Errors($$"""[ { "Type": "Rename", "Map": {{map}} } ]""");
        var error = Assert.Single(errors);
        Assert.StartsWith($"{StepsPath}:0:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
