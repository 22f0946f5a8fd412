using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class DropConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Run(string paths, string json) => RunOne(_host.Build($$"""[ { "Type": "Drop", "Paths": {{paths}} } ]"""), json);

    [Fact]
    public void Removes_top_level_and_nested_values()
    {
        Assert.Equal(
            Compact("""{"id":1,"user":{"name":"x"}}"""),
            Run("""[ "/password", "/user/token" ]""", """{"id":1,"password":"p","user":{"name":"x","token":"t"}}"""));
    }

    [Fact]
    public void Removed_array_elements_close_up()
    {
        Assert.Equal(
            Compact("""{"lines":[{"sku":"a"},{"sku":"c"}]}"""),
            Run("""[ "/lines/1", "/lines/0/secret" ]""", """{"lines":[{"sku":"a","secret":1},{"sku":"b"},{"sku":"c"}]}"""));
    }

    [Fact]
    public void Applies_to_every_record_of_a_top_level_array()
    {
        Assert.Equal(Compact("""[{"a":1},{},5]"""), Run("""[ "/b" ]""", """[{"a":1,"b":2},{"b":3},5]"""));
    }

    [Fact]
    public void Missing_paths_are_skipped()
    {
        var json = """{"a":{"b":[1,2]},"c":"text"}""";
        Assert.Equal(Compact(json), Run("""[ "/x", "/a/b/5", "/c/d", "/a/b/x" ]""", json));
    }

    [Fact]
    public void An_escaped_name_is_removed()
    {
        Assert.Equal(Compact("""{"keep":1}"""), Run("""[ "/a~1b" ]""", """{"a/b":0,"keep":1}"""));
    }

    [Fact]
    public void The_whole_record_cannot_be_dropped()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Drop", "Paths": [ "" ] } ]"""));
        Assert.Equal($"{StepsPath}:0:Paths:0: the empty pointer is the whole record; use a Filter step to drop records.", error);
    }

    [Fact]
    public void An_unknown_option_is_an_error()
    {
        var errors = _host.Errors("""[ { "Type": "Drop", "Paths": [ "/a" ], "Path": "/b" } ]""");
        Assert.Contains(errors, e => e.StartsWith($"{StepsPath}:0:Path: unknown option 'Path'", StringComparison.Ordinal));
    }
}
