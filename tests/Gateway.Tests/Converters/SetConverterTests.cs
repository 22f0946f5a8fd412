using System.Text;
using Gateway.Core.Converters;
using Gateway.Core.Messages;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class SetConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Run(string options, string json) => RunOne(_host.Build($$"""[ { "Type": "Set", {{options}} } ]"""), json);

    [Fact]
    public void Sets_json_values_replacing_in_place_and_appending_new_ones()
    {
        Assert.Equal(
            Compact("""{"a":42,"b":"keep","c":true,"d":{"x":[1,2]},"e":null}"""),
            Run(""" "Values": { "/a": "42", "/c": "true", "/d": "{ \"x\": [1, 2] }", "/e": "null" } """, """{"a":1,"b":"keep"}"""));
    }

    [Fact]
    public void Creates_the_objects_on_the_way()
    {
        Assert.Equal(
            Compact("""{"id":1,"meta":{"source":{"name":"in"},"v":2}}"""),
            Run(""" "Fields": { "/meta/source/name": "{input}" }, "Values": { "/meta/v": "2" } """, """{"id":1}"""));
    }

    [Fact]
    public void Goes_into_existing_objects_and_arrays()
    {
        Assert.Equal(
            Compact("""{"lines":[{"qty":1,"ok":true},{"qty":2},{"added":1}],"m":{"k":1,"n":0}}"""),
            Run(""" "Values": { "/lines/0/ok": "true", "/lines/-": "{\"added\":1}", "/m/n": "0" } """, """{"lines":[{"qty":1},{"qty":2}],"m":{"k":1}}"""));
    }

    [Fact]
    public void Templates_read_the_message_and_its_metadata()
    {
        var pipeline = _host.Build("""
            [ { "Type": "Set", "Fields": {
                "/in": "{input}", "/id": "{id}", "/at": "{receivedAt}", "/fmt": "{format}",
                "/ct": "{header:Content-Type}", "/m": "{meta:x-trace}", "/t": "{topic}", "/t1": "{topic[1]}",
                "/missing": "[{meta:nope}]", "/braces": "{{literal}}" } } ]
            """);
        var message = new Message(Encoding.UTF8.GetBytes("{}"), FormatNames.Json, "orders-http")
        {
            ReceivedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
            Metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["content-type"] = "application/json",
                ["X-Trace"] = "t-1",
                ["topic"] = "sensors/dev-9/data",
            },
        };
        var body = Body(Assert.Single(pipeline.Run(message)));
        Assert.Equal(
            Compact($$"""
                {"at":"2025-03-04T05:06:07.0000000+00:00","braces":"{literal}","ct":"application/json","fmt":"Json",
                 "id":"{{message.Id:D}}","in":"orders-http","m":"t-1","missing":"[]","t":"sensors/dev-9/data","t1":"dev-9"}
                """),
            body);
    }

    [Fact]
    public void Field_placeholders_read_the_same_record_as_it_entered_the_step()
    {
        Assert.Equal(
            Compact("""[{"id":"a1","n":7,"o":{"z":1},"key":"a1-5-{\"z\":1}"},{"id":"b2","n":7,"key":"b2--"}]"""),
            Run(
                """ "Fields": { "/key": "{field:/id}-{field:/n}-{field:/o}" }, "Values": { "/n": "7" } """,
                """[{"id":"a1","n":5,"o":{"z":1}},{"id":"b2","n":null}]"""));
    }

    [Fact]
    public void The_documented_example_gives_the_documented_result()
    {
        Assert.Equal(
            Compact("""{"id":"A-1","customer":{"name":"Ann"},"meta":{"label":"A-1-Ann","source":"in","version":2},"flags":[]}"""),
            Run(
                """ "Fields": { "/meta/source": "{input}", "/meta/label": "{field:/id}-{field:/customer/name}" }, "Values": { "/meta/version": "2", "/flags": "[]" } """,
                """{"id":"A-1","customer":{"name":"Ann"}}"""));
    }

    [Fact]
    public void Templates_are_set_as_strings_even_when_they_look_like_numbers()
    {
        Assert.Equal(Compact("""{"n":5,"copy":"5"}"""), Run(""" "Fields": { "/copy": "{field:/n}" } """, """{"n":5}"""));
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_an_error_naming_the_record()
    {
        var pipeline = _host.Build("""[ { "Type": "Set", "Values": { "/a": "1" } } ]""");
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""[{"x":1},[1]]""")));
        Assert.Equal("Step 0 (Set): record 2: Set needs each record to be an object, not an array.", ex.Message);
    }

    [Fact]
    public void Going_through_a_scalar_is_an_error_naming_the_paths()
    {
        var pipeline = _host.Build("""[ { "Type": "Set", "Values": { "/a/b/c": "1" } } ]""");
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""{"a":{"b":"text"}}""")));
        Assert.Equal("Step 0 (Set): record 1: cannot set '/a/b/c': '/a/b' is a string, not an object.", ex.Message);
    }

    [Fact]
    public void An_index_past_the_end_of_an_array_is_an_error()
    {
        var pipeline = _host.Build("""[ { "Type": "Set", "Values": { "/lines/2": "1" } } ]""");
        var ex = Assert.Throws<ConverterException>(() => pipeline.Run(JsonMessage("""{"lines":[0]}""")));
        Assert.Contains("cannot set '/lines/2': the array at '/lines' has 1 elements", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "Fields": { "/a": "{nope}" } """, "Fields:/a: unknown placeholder '{nope}'. Known placeholders: {input}")]
    [InlineData(""" "Fields": { "/a": "x{input" } """, "Fields:/a: unclosed '{' at position 1")]
    [InlineData(""" "Fields": { "/a": "x}" } """, "Fields:/a: unmatched '}' at position 1")]
    [InlineData(""" "Fields": { "/a": "{field:a}" } """, "Fields:/a: placeholder '{field:a}': 'a' is not a JSON Pointer")]
    [InlineData(""" "Fields": { "/a": "{topic[x]}" } """, "Fields:/a: placeholder '{topic[x]}' needs a topic level")]
    [InlineData(""" "Values": { "/a": "hello" } """, "Values:/a: 'hello' is not JSON text")]
    [InlineData(""" "Values": { "/a": "{\"x\":" } """, """Values:/a: '{"x":' is not JSON text""")]
    [InlineData(""" "Values": { "a": "1" } """, "Values:a: 'a' is not a JSON Pointer")]
    [InlineData(""" "Values": { "/a": "1", "/a/b": "2" } """, "Values:/a/b: '/a/b' is inside '/a', which is set too.")]
    [InlineData(""" "Fields": { "/a/b": "x" }, "Values": { "/a": "2" } """, "Values:/a: '/a' is set, and so is '/a/b' inside it.")]
    [InlineData(""" "Fields": { "/a": "x" }, "Values": { "/a": "1" } """, "Values:/a: '/a' is set twice")]
    public void Bad_options_are_errors_at_their_config_path(string options, string expected)
    {
        var error = Assert.Single(_host.Errors($$"""[ { "Type": "Set", {{options}} } ]"""));
        Assert.StartsWith($"{StepsPath}:0:{expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_whole_record_cannot_be_set()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Set", "Values": { "": "1" } } ]"""));
        Assert.Contains("the empty pointer is the whole record", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_needs_at_least_one_entry()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Set" } ]"""));
        Assert.Equal($"{StepsPath}:0:Fields, {StepsPath}:0:Values: Set needs at least one entry in Fields (templates) or Values (JSON text).", error);
    }
}
