using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Json;

public class JsonFormatTests
{
    private static readonly JsonFormat Json = new();
    private static readonly NdjsonFormat Ndjson = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Top_level_array_elements_are_records(int chunkSize)
    {
        var records = Convert.Records(""" [ {"a": 1}, "x" , [1, [2]], 3.50e1 ] """, Json, chunkSize: chunkSize);
        Assert.Equal(["{\"a\": 1}", "\"x\"", "[1, [2]]", "3.50e1"], records);
    }

    [Fact]
    public void A_single_value_is_one_record_and_stays_single()
    {
        Assert.Equal("""{"a":[1,2]}""", Convert.Text("""{"a":[1,2]}""", Json, Json));
        Assert.Equal("""{"a":[1,2]}""" + "\n", Convert.Text("""{"a":[1,2]}""", Json, Ndjson));
    }

    [Fact]
    public void Json_to_json_keeps_numbers_and_strings_exactly()
    {
        Assert.Equal("""[1.0E+2,"caf\u00e9","café"]""", Convert.Text("""[1.0E+2, "caf\u00e9", "café"]""", Json, Json));
    }

    [Fact]
    public void Pretty_indents()
    {
        var pretty = Convert.Text("""[{"a":1}]""", Json, Json, new FormatOptions { Pretty = true });
        Assert.Equal("[\n  {\n    \"a\": 1\n  }\n]", pretty.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Array_to_ndjson_writes_one_compact_line_per_element()
    {
        Assert.Equal("{\"a\":1}\n[2]\n", Convert.Text("[{\"a\":\n 1},\r\n[2]]", Json, Ndjson));
    }

    [Fact]
    public void Utf8_bom_is_skipped()
    {
        Assert.Equal("[1]", Convert.Text("\uFEFF[1]", Json, Json));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "does not contain any JSON tokens")]
    [InlineData("[1,2", "line 1, column")]
    [InlineData("[{\"a\":1}", "should be closed")]
    [InlineData("{\"a\":", "")]
    [InlineData("[1,]", "line 1, column 4")]
    [InlineData("{\"a\":1} x", "after the end")]
    [InlineData("[1] [2]", "after the end")]
    [InlineData("[\n{\"a\":tru}]", "line 2")]
    public void Malformed_json_names_what_and_where(string input, string expected)
    {
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(input, Json, Json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_over_the_limit_is_rejected()
    {
        var deep = new string('[', 65) + new string(']', 65);
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(deep, Json, Json));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(deep, Convert.Text(deep, Json, Json, new FormatOptions { MaxDepth = 65 }));
    }

    [Fact]
    public void A_record_over_the_size_limit_is_rejected_without_reading_on()
    {
        var big = "[\"" + new string('x', 200_000) + "\"]";
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(big, Json, Json, new FormatOptions { MaxDocumentChars = 100_000 }));
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_arrays_stream_with_small_reads()
    {
        var items = Enumerable.Range(0, 5000).Select(i => $"{{\"id\":{i},\"name\":\"n{i}\"}}");
        var input = "[" + string.Join(",", items) + "]";
        Assert.Equal(string.Join("\n", items) + "\n", Convert.Text(input, Json, Ndjson, chunkSize: 7));
    }
}
