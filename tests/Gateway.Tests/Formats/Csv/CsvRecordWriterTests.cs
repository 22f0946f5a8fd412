using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

public class CsvRecordWriterTests
{
    [Fact]
    public void The_first_record_fixes_the_header_and_rows_follow_its_columns()
    {
        var csv = Write("""{"a":"1","b":"2"}""", """{"b":"4","a":"3"}""");
        Assert.Equal("a,b\r\n1,2\r\n3,4\r\n", csv);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void Narrow_and_wide_headers_match_later_records_in_any_key_order_and_refuse_unknown_keys(int columns)
    {
        var keys = Enumerable.Range(0, columns).Select(i => $"k{i}").ToList();
        var first = "{" + string.Join(",", keys.Select(k => $"\"{k}\":\"{k}-1\"")) + "}";
        var reversed = "{" + string.Join(",", keys.AsEnumerable().Reverse().Select(k => $"\"{k}\":\"{k}-2\"")) + "}";

        var csv = Write(first, reversed);

        Assert.Equal(
            string.Join(",", keys) + "\r\n" + string.Join(",", keys.Select(k => k + "-1")) + "\r\n" + string.Join(",", keys.Select(k => k + "-2")) + "\r\n",
            csv);
        var error = Assert.Throws<FormatReadException>(() => Write(first, "{\"k0\":\"x\",\"unknown\":\"y\"}"));
        Assert.Contains("'unknown'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_objects_and_arrays_flatten_to_dotted_headers()
    {
        var csv = Write("""{"id":1,"address":{"city":"Paris","geo":{"lat":48.8}},"tags":["x",["y","z"]]}""");
        Assert.Equal("id,address.city,address.geo.lat,tags.0,tags.1.0,tags.1.1\r\n1,Paris,48.8,x,y,z\r\n", csv);
    }

    [Fact]
    public void Missing_keys_and_nulls_give_empty_cells()
    {
        var csv = Write("""{"a":"1","b":"2","c":"3"}""", """{"a":null,"c":"6"}""");
        Assert.Equal("a,b,c\r\n1,2,3\r\n,,6\r\n", csv);
    }

    [Fact]
    public void Numbers_keep_their_exact_text_and_booleans_are_lowercase()
    {
        var csv = Write("""{"n":1.10,"big":123456789012345678901234567890,"e":-1E-7,"t":true,"f":false}""");
        Assert.Equal("n,big,e,t,f\r\n1.10,123456789012345678901234567890,-1E-7,true,false\r\n", csv);
    }

    [Fact]
    public void Empty_objects_and_arrays_are_written_as_json_text()
    {
        Assert.Equal("o,a\r\n{},[]\r\n", Write("""{"o":{},"a":[]}"""));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(" padded ", " padded ")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    [InlineData("é ʤ 😀", "é ʤ 😀")]
    public void Strings_are_quoted_only_when_needed(string value, string cell)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["v"] = value, ["w"] = "x" });
        Assert.Equal($"v,w\r\n{cell},x\r\n", Write(json));
    }

    [Fact]
    public void Escaped_json_strings_and_keys_are_unescaped()
    {
        Assert.Equal("é,\"k\"\"\"\r\n\"a\"\"b\",\\\r\n", Write("""{"\u00e9":"a\"b","k\"":"\\"}"""));
    }

    [Fact]
    public void A_row_with_one_empty_field_is_written_as_two_quotes_so_it_is_not_a_blank_line()
    {
        var csv = Write("""{"a":""}""", """{"a":null}""", """{"a":"x"}""");
        Assert.Equal("a\r\n\"\"\r\n\"\"\r\nx\r\n", csv);
        Assert.Equal(["""{"a":""}""", """{"a":""}""", """{"a":"x"}"""], Read(csv));
    }

    [Theory]
    [InlineData(";", "a;b\r\n\"1;2\";3,4\r\n")]
    [InlineData("\t", "a\tb\r\n\"1\t2\"\t3,4\r\n")]
    [InlineData("||", "a||b\r\n\"1||2\"||3,4\r\n")]
    public void The_delimiter_is_used_and_quoted_where_it_appears(string delimiter, string expected)
    {
        Assert.Equal(expected, Write(new FormatOptions { Delimiter = delimiter }, """{"a":"1","b":"3,4"}""".Replace("\"1\"", $"\"1{delimiter.Replace("\t", "\\t", StringComparison.Ordinal)}2\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("a|", "\"a|\"")]
    [InlineData("|a", "\"|a\"")]
    [InlineData("a|b", "a|b")]
    public void With_a_long_delimiter_fields_that_could_run_into_it_are_quoted(string value, string cell)
    {
        var csv = Write(new FormatOptions { Delimiter = "||" }, $$"""{"v":"{{value}}","w":"x"}""");
        Assert.Equal($"v||w\r\n{cell}||x\r\n", csv);
        Assert.Equal([$$"""{"v":"{{value}}","w":"x"}"""], Read(csv, new FormatOptions { Delimiter = "||" }));
    }

    [Fact]
    public void Numbers_are_quoted_when_the_delimiter_appears_in_them()
    {
        Assert.Equal("n.m\r\n\"1.5\".2\r\n", Write(new FormatOptions { Delimiter = "." }, """{"n":1.5,"m":2}"""));
    }

    [Fact]
    public void Without_a_header_only_rows_are_written()
    {
        Assert.Equal("1,2\r\n3,4\r\n", Write(new FormatOptions { HasHeader = false }, """{"a":1,"b":2}""", """{"a":3,"b":4}"""));
    }

    [Fact]
    public void The_new_line_can_be_lf()
    {
        Assert.Equal("a\n1\n", Write(new FormatOptions { NewLine = "\n" }, """{"a":1}"""));
    }

    [Fact]
    public void Formula_escaping_prefixes_text_cells_but_never_numbers()
    {
        var options = new FormatOptions { EscapeFormulas = true };
        var csv = Write(options, """{"=h":"=1+1","n":-5,"s":"-5","p":"+x","at":"@a","t":"\tx","ok":"a=b","e":""}""");
        Assert.Equal("'=h,n,s,p,at,t,ok,e\r\n'=1+1,-5,'-5,'+x,'@a,'\tx,a=b,\r\n", csv);
    }

    [Fact]
    public void Formulas_are_left_alone_by_default()
    {
        Assert.Equal("f\r\n=1+1\r\n", Write("""{"f":"=1+1"}"""));
    }

    [Fact]
    public void No_records_give_no_output()
    {
        Assert.Equal(string.Empty, Write());
        Assert.Equal(string.Empty, Convert.Text("[]", new JsonFormat(), Format));
    }

    [Fact]
    public void Json_array_single_object_and_ndjson_all_convert()
    {
        Assert.Equal("a\r\n1\r\n2\r\n", Convert.Text("""[{"a":1},{"a":2}]""", new JsonFormat(), Format));
        Assert.Equal("a\r\n1\r\n", Convert.Text("""{"a":1}""", new JsonFormat(), Format));
        Assert.Equal("a\r\n1\r\n2\r\n", Convert.Text("{\"a\":1}\n{\"a\":2}\n", new NdjsonFormat(), Format));
    }

    [Fact]
    public void Large_output_streams_through_the_buffer()
    {
        var records = Enumerable.Range(0, 20_000).Select(i => $$"""{"i":{{i}},"s":"row {{i}}, with a comma"}""").ToArray();
        var csv = Write(records);
        var lines = csv.Split("\r\n");
        Assert.Equal(20_002, lines.Length);
        Assert.Equal("19999,\"row 19999, with a comma\"", lines[^2]);
    }

    [Fact]
    public void A_field_larger_than_the_buffer_is_written_whole()
    {
        var big = new string('x', 300_000) + "\"" + new string('y', 100_000);
        var csv = Write(System.Text.Json.JsonSerializer.Serialize(new { v = big }));
        Assert.Equal("v\r\n\"" + big.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\r\n", csv);
    }
}
