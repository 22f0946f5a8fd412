using Gateway.Core.Formats;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Every way records can be rejected by the CSV writer: no field is ever dropped silently.</summary>
public class CsvWriteErrorTests
{
    [Theory]
    [InlineData("[1,2]", "Record 2 is a JSON array, but a CSV row is written from a JSON object")]
    [InlineData("\"text\"", "Record 2 is a JSON string")]
    [InlineData("42", "Record 2 is a JSON number")]
    [InlineData("true", "Record 2 is a JSON boolean")]
    [InlineData("null", "Record 2 is JSON null")]
    public void A_record_that_is_not_an_object_is_an_error(string record, string message)
    {
        var error = WriteError(null, """{"a":1}""", record);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("record 2", error.Location);
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""", "string")]
    [InlineData("""{"a":"x\udc00"}""", "string")]
    [InlineData("""{"a":{"b":"\ud800\ud800"}}""", "string")]
    [InlineData("""{"\ud800":1}""", "key")]
    [InlineData("""{"a":{"\udfff":1}}""", "key")]
    public void An_escaped_lone_surrogate_is_a_format_error_not_a_crash(string record, string what)
    {
        // Found by the JSON fuzz target (bench/fuzz): System.Text.Json refuses to unescape it with InvalidOperationException.
        var error = WriteError(null, """{"a":"ok"}""", record);
        Assert.Equal(
            $"Record 2 has a {what} with an escaped lone surrogate (such as \\ud800 without its pair), which is not Unicode text and cannot be written as CSV; fix the escape or remove the character. (record 2)",
            error.Message);
        Assert.Equal("record 2", error.Location);
    }

    [Fact]
    public void An_escaped_surrogate_pair_is_text()
    {
        Assert.Equal("a\r\n\U0001F600\r\n", Write("""{"a":"\ud83d\ude00"}"""));
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", "b")]
    [InlineData("""{"a":1,"n":{"x":1,"y":2}}""", "n.y")]
    [InlineData("""{"a":1,"t":[1,2,3]}""", "t.2")]
    [InlineData("""{"a":1,"n":5}""", "n")]
    public void A_key_the_header_lacks_is_an_error_naming_the_record_and_key(string record, string key)
    {
        var error = WriteError(null, """{"a":0,"n":{"x":0},"t":[0,0]}""", """{"a":1}""", record);
        Assert.Contains($"Record 3 has the field '{key}', which is not a column of the CSV header", error.Message, StringComparison.Ordinal);
        Assert.Equal("record 3", error.Location);
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a.b":1,"a":{"b":2}}""")]
    public void A_column_given_twice_in_one_record_is_an_error(string record)
    {
        var first = WriteError(null, record);
        Assert.Contains("Record 1 gives the column", first.Message, StringComparison.Ordinal);
        Assert.Equal("record 1", first.Location);

        var later = WriteError(null, """{"a":0,"a.b":0}""".Replace("\"a\":0,", string.Empty, StringComparison.Ordinal), record.Replace("\"a\":2", "\"a\":{\"b\":2}", StringComparison.Ordinal));
        Assert.Equal("record 2", later.Location);
    }

    [Fact]
    public void A_first_record_without_fields_is_an_error()
    {
        var error = WriteError(null, "{}");
        Assert.Contains("Record 1 is an empty object, so there are no columns", error.Message, StringComparison.Ordinal);
        Assert.Equal("record 1", error.Location);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1} x")]
    [InlineData("")]
    public void A_record_that_is_not_valid_json_is_an_error(string record)
    {
        var error = WriteError(null, """{"a":1}""", record);
        Assert.Equal("record 2", error.Location);
    }

    [Fact]
    public void Nesting_deeper_than_max_depth_is_an_error()
    {
        var error = WriteError(new FormatOptions { MaxDepth = 2 }, """{"a":{"b":{"c":1}}}""");
        Assert.Contains("Record 1 is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal("record 1", error.Location);
    }

    [Theory]
    [InlineData("\r\n\r\n")]
    [InlineData("\r")]
    [InlineData("")]
    [InlineData(";")]
    public void A_new_line_that_is_not_a_line_break_is_an_error(string newLine)
    {
        var error = Assert.Throws<FormatReadException>(() => Format.CreateWriter(new MemoryStream(), new FormatOptions { NewLine = newLine }));
        Assert.Equal("option NewLine", error.Location);
    }

    [Fact]
    public void A_delimiter_that_cannot_delimit_is_an_error()
    {
        var error = Assert.Throws<FormatReadException>(() => Format.CreateWriter(new MemoryStream(), new FormatOptions { Delimiter = "\"" }));
        Assert.Equal("option Delimiter", error.Location);
    }
}
