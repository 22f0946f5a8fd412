using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class SelectConverterTests : IDisposable
{
    private const string Order = """{"id":7,"customer":{"name":"Ann","email":"a@x","address":{"city":"Lyon","zip":"69001"}},"lines":[{"sku":"a","qty":1},{"sku":"b","qty":2},{"sku":"c","qty":3}],"note":null}""";

    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Run(string paths, string json) => RunOne(_host.Build($$"""[ { "Type": "Select", "Paths": {{paths}} } ]"""), json);

    [Fact]
    public void Keeps_only_the_selected_top_level_properties_in_document_order()
    {
        Assert.Equal(Compact("""{"id":7,"note":null}"""), Run("""[ "/note", "/id" ]""", Order));
    }

    [Fact]
    public void Rebuilds_the_objects_around_a_nested_selection()
    {
        Assert.Equal(
            Compact("""{"id":7,"customer":{"address":{"city":"Lyon"}}}"""),
            Run("""[ "/id", "/customer/address/city" ]""", Order));
    }

    [Fact]
    public void Selected_array_elements_keep_their_order_and_close_up()
    {
        Assert.Equal(
            Compact("""{"lines":[{"qty":1},{"sku":"c","qty":3}]}"""),
            Run("""[ "/lines/2", "/lines/0/qty" ]""", Order));
    }

    [Fact]
    public void A_path_wins_over_the_paths_inside_it()
    {
        Assert.Equal(
            Compact("""{"customer":{"name":"Ann","email":"a@x","address":{"city":"Lyon","zip":"69001"}}}"""),
            Run("""[ "/customer/name", "/customer" ]""", Order));
    }

    [Fact]
    public void Missing_paths_are_skipped_without_empty_containers()
    {
        Assert.Equal(Compact("""{"id":7}"""), Run("""[ "/id", "/customer/phone", "/lines/9", "/id/deeper" ]""", Order));
    }

    [Fact]
    public void A_record_with_nothing_selected_becomes_an_empty_object()
    {
        Assert.Equal("[{},{\"a\":1},null]", Run("""[ "/a" ]""", """[{"b":1},{"a":1,"b":2},"text"]"""));
    }

    [Fact]
    public void The_empty_pointer_keeps_the_whole_record()
    {
        Assert.Equal(Compact(Order), Run("""[ "" ]""", Order));
    }

    [Fact]
    public void Escaped_names_are_selected()
    {
        Assert.Equal(Compact("""{"a/b":1,"m~n":2}"""), Run("""[ "/a~1b", "/m~0n" ]""", """{"a/b":1,"m~n":2,"c":3}"""));
    }

    [Fact]
    public void Many_paths_in_one_object_are_found_by_name()
    {
        var paths = string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"/p{i}\""));
        var record = "{" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"p{i}\":{i}")) + "}";
        var expected = "{" + string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"p{i}\":{i}")) + "}";
        Assert.Equal(expected, Run($"[{paths}]", record));
    }

    [Theory]
    [InlineData("""[ "id" ]""", "Paths:0: 'id' is not a JSON Pointer: it must start with '/'")]
    [InlineData("""[ "/a", "/b~" ]""", "Paths:1: '/b~' is not a valid JSON Pointer")]
    public void Bad_paths_are_errors_at_their_config_path(string paths, string expected)
    {
        var error = Assert.Single(_host.Errors($$"""[ { "Type": "Select", "Paths": {{paths}} } ]"""));
        Assert.StartsWith($"{StepsPath}:0:{expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_are_required()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Select" } ]"""));
        Assert.StartsWith($"{StepsPath}:0:Paths:", error, StringComparison.Ordinal);
    }
}
