using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Ndjson;

public class NdjsonFormatTests
{
    private static readonly JsonFormat Json = new();
    private static readonly NdjsonFormat Ndjson = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Lines_are_records_and_blank_lines_are_skipped(int chunkSize)
    {
        var input = "{\"a\":1}\r\n\n  \n[1,2]\n\"s\"\n42";
        Assert.Equal(["{\"a\":1}", "[1,2]", "\"s\"", "42"], Convert.Records(input, Ndjson, chunkSize: chunkSize));
    }

    [Fact]
    public void Ndjson_to_json_is_an_array()
    {
        Assert.Equal("[{\"a\":1},{\"a\":2}]", Convert.Text("{\"a\":1}\n{\"a\":2}\n", Ndjson, Json));
    }

    [Fact]
    public void Empty_input_is_an_empty_sequence()
    {
        Assert.Equal("[]", Convert.Text(string.Empty, Ndjson, Json));
        Assert.Equal(string.Empty, Convert.Text("\n\n", Ndjson, Ndjson));
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"a\":}\n", "line 2")]
    [InlineData("{\"a\":1}\n\n{\"a\":1} {\"b\":2}\n", "line 3")]
    [InlineData("[1,\n2]", "line 1")]
    [InlineData("1\n2\n3\n{", "line 4")]
    public void A_bad_line_is_named_by_its_number(string input, string expected)
    {
        var ex = Assert.Throws<FormatReadException>(() => Convert.Text(input, Ndjson, Json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_line()
    {
        var bytes = "{\"a\":1}\n{\"a\":\""u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}\n"u8.ToArray()).ToArray();
        using var output = new MemoryStream();
        var ex = Assert.Throws<FormatReadException>(() => FormatConverter.Convert(new MemoryStream(bytes), Ndjson, output, Json, new FormatOptions()));
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
