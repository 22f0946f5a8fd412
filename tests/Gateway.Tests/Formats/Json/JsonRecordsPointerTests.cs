using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Json;

/// <summary>The <c>Records</c> option: a JSON Pointer to the array of records inside a document, read as a stream.</summary>
public class JsonRecordsPointerTests
{
    private static readonly JsonFormat Json = new();
    private static readonly NdjsonFormat Ndjson = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Items_of_the_named_array_are_the_records_and_what_surrounds_it_is_skipped(int chunkSize)
    {
        const string document = """{"before":{"x":[1,{"y":"]"}]},"data":{"rows":[{"a":1},[2],"3"],"after":true},"z":[]}""";
        var records = Convert.Records(document, Json, new FormatOptions { Records = "/data/rows" }, chunkSize);
        Assert.Equal(["{\"a\":1}", "[2]", "\"3\""], records);
    }

    [Fact]
    public void Array_indexes_and_escaped_names_are_followed()
    {
        const string document = """[{"a/b~c":[0]},{"a/b~c":[1,2]}]""";
        var ndjson = Convert.Text(document, Json, Ndjson, new FormatOptions { Records = "/1/a~1b~0c" });
        Assert.Equal("1\n2\n", ndjson);
    }

    [Fact]
    public void The_records_of_a_member_named_like_the_iso_codes_list_convert_to_ndjson()
    {
        const string document = "{\n  \"3166-1\": [\n    {\"alpha_2\": \"AW\"},\n    {\"alpha_2\": \"AF\", \"official_name\": \"Islamic Republic of Afghanistan\"}\n  ]\n}\n";
        var ndjson = Convert.Text(document, Json, Ndjson, new FormatOptions { Records = "/3166-1" });
        Assert.Equal("{\"alpha_2\": \"AW\"}\n{\"alpha_2\": \"AF\", \"official_name\": \"Islamic Republic of Afghanistan\"}\n", ndjson);
    }

    [Fact]
    public void An_empty_array_gives_no_records_and_stays_a_sequence()
    {
        Assert.Equal("[]", Convert.Text("""{"rows":[]}""", Json, Json, new FormatOptions { Records = "/rows" }));
    }

    [Theory]
    [InlineData("""{"rows":[1]}""", "/items", "The records pointer '/items' names no value: 'the document' has no member 'items'")]
    [InlineData("""{"a":{"b":1}}""", "/a/c", "The records pointer '/a/c' names no value: '/a' has no member 'c' (at '/a')")]
    [InlineData("""{"a":"text"}""", "/a/b", "The records pointer '/a/b' names no value: '/a' is a string, which has no member 'b' (at '/a')")]
    [InlineData("""{"a":[1]}""", "/a/3", "The records pointer '/a/3' names no value: '/a' has 1 items, so no item 3 (at '/a')")]
    [InlineData("""{"a":{"b":1}}""", "/a", "The records pointer '/a' names an object, not an array of records (at '/a')")]
    public void A_pointer_that_names_no_array_is_an_error_that_says_what_is_there(string document, string records, string expected)
    {
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(document, Json, Json, new FormatOptions { Records = records }));
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("{\"rows\":[1],\n \"x\": tru}", "line 2, column")]
    [InlineData("{\"rows\":[1]} x", "line 1, column 14")]
    [InlineData("{\"skipped\": [1,,2], \"rows\":[1]}", "line 1, column 16")]
    [InlineData("{\"rows\":[1]", "")]
    public void Invalid_json_before_or_after_the_records_is_refused_with_its_position(string document, string where)
    {
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(document, Json, Json, new FormatOptions { Records = "/rows" }));
        Assert.StartsWith("Invalid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_values_stream_through_in_bounded_memory()
    {
        // 4 MB of skipped data before the records, read with a 1 MB document limit: only the records are held.
        var filler = string.Concat(Enumerable.Repeat("{\"k\":[1,2,3,\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]},", 80_000));
        var document = "{\"skip\":[" + filler + "0],\"rows\":[{\"a\":1}]}";
        var records = Convert.Records(document, Json, new FormatOptions { Records = "/rows", MaxDocumentChars = 1024 * 1024 }, chunkSize: 0);
        Assert.Equal(["{\"a\":1}"], records);
    }

    [Theory]
    [InlineData("rows")]
    [InlineData("/a~2")]
    public void A_pointer_that_is_not_one_fails_validation(string records)
    {
        var results = new FormatOptions { Records = records }.Validate(new(new object())).ToList();
        Assert.Equal(nameof(FormatOptions.Records), Assert.Single(Assert.Single(results).MemberNames));
    }
}
