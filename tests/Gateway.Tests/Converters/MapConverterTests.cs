using System.Globalization;
using System.Text.Json;
using CsCheck;
using Gateway.Tests.Support;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Converters;

public sealed class MapConverterTests : IDisposable
{
    private readonly ConverterTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Map(string expression, string json)
        => RunOne(_host.Build($$"""[ { "Type": "Map", "Expression": {{JsonSerializer.Serialize(expression)}} } ]"""), json);

    [Fact]
    public void Replaces_each_record_of_an_array_with_the_result()
    {
        Assert.Equal(
            Compact("""[{"id":1,"total":5},{"id":2,"total":0}]"""),
            Map("{ id: id, total: sum(lines[].amount) }", """[{"id":1,"lines":[{"amount":2},{"amount":3}]},{"id":2,"lines":[]}]"""));
    }

    [Fact]
    public void Replaces_a_single_record()
    {
        Assert.Equal(Compact("""["a","b"]"""), Map("items[].name", """{"items":[{"name":"a"},{"name":"b"},{"other":1}]}"""));
    }

    [Fact]
    public void A_missing_value_gives_null()
    {
        Assert.Equal("[null,2]", Map("x", """[{"y":1},{"x":2}]"""));
    }

    [Fact]
    public void Scalars_strings_and_booleans_come_out_as_json()
    {
        Assert.Equal(Compact("""{"s":"t\u00e9\"x","b":false,"n":null,"f":2.5,"i":-3,"l":9007199254740993}"""),
            Map("@", """{"s":"t\u00e9\"x","b":false,"n":null,"f":2.5,"i":-3,"l":9007199254740993}"""));
    }

    [Fact]
    public void Results_keep_text_as_utf8()
    {
        Assert.Equal("""{"v":"Zoë & <b>"}""", Map("{ v: name }", """{"name":"Zoë & <b>"}"""));
    }

    [Fact]
    public void Integers_beyond_64_bits_keep_their_digits()
    {
        Assert.Equal("{\"big\":123456789012345678901234567890}", Map("{ big: big }", """{"big":123456789012345678901234567890}"""));
    }

    [Fact]
    public void Functions_and_projections_work()
    {
        Assert.Equal(
            Compact("""{"names":"A, B","count":2,"max":9}"""),
            Map("{ names: join(', ', people[].name), count: length(people), max: max(people[].age) }", """{"people":[{"name":"A","age":3},{"name":"B","age":9}]}"""));
    }

    [Fact]
    public void A_syntax_error_is_an_option_error_naming_the_step_path()
    {
        var error = Assert.Single(_host.Errors("""[ { "Type": "Map", "Expression": "{ a: " } ]"""));
        Assert.StartsWith($"{StepsPath}:0:Expression: '{{ a: ' is not a valid JMESPath expression", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_based_identity_map_returns_the_record_unchanged()
    {
        var identity = _host.Build("""[ { "Type": "Map", "Expression": "@" } ]""");
        Gen.Recursive<string>((depth, json) =>
        {
            var scalar = Gen.OneOf(
                Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
                Gen.String[Gen.Char["abc\"\\é/ \u0001"], 0, 6].Select(s => JsonSerializer.Serialize(s)),
                Gen.OneOf(Gen.Const("true"), Gen.Const("false"), Gen.Const("null")));
            if (depth >= 3)
            {
                return scalar;
            }

            var array = json.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");
            var obj = Gen.Select(Gen.String[Gen.Char["kxyz"], 1, 3], json).Array[0, 4]
                .Select(members => "{" + string.Join(",", members.DistinctBy(m => m.Item1).Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}");
            return Gen.OneOf(scalar, array, obj);
        })
        .Select(record => "{\"r\":" + record + "}")
        .Sample(json => Assert.Equal(Compact(json), RunOne(identity, json)), iter: 1000);
    }
}
