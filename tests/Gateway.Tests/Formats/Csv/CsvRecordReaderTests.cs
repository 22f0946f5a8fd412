using System.Text;
using Gateway.Core.Formats;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

public class CsvRecordReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Rows_become_objects_keyed_by_the_header(int chunkSize)
    {
        var records = Read("a,b\r\n1,\"x, \"\"y\"\"\"\r\n2,\"line\nbreak\"\r\n", chunkSize: chunkSize);
        Assert.Equal(["""{"a":"1","b":"x, \"y\""}""", """{"a":"2","b":"line\nbreak"}"""], records);
    }

    [Fact]
    public void Lf_crlf_and_a_missing_final_line_break_all_end_rows()
    {
        Assert.Equal(["""{"a":"1"}""", """{"a":"2"}""", """{"a":"3"}"""], Read("a\n1\r\n2\n3"));
    }

    [Fact]
    public void Cr_only_line_endings_are_read_and_a_cr_inside_quotes_is_kept()
    {
        Assert.Equal(["""{"a":"1","b":"x\ry"}""", """{"a":"2","b":"z"}"""], Read("a,b\r1,\"x\ry\"\r2,z\r"));
    }

    [Fact]
    public void Utf8_bom_is_skipped_and_text_stays_utf8()
    {
        Assert.Equal(["""{"name":"ʤ €"}"""], Read("\uFEFFname\nʤ €\n"));
    }

    [Fact]
    public void Utf16_input_with_a_bom_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n1,é\n")).ToArray();
        using var reader = Format.CreateReader(new MemoryStream(bytes), new FormatOptions());
        Assert.True(reader.TryRead(out var record));
        Assert.Equal("""{"a":"1","b":"é"}""", Encoding.UTF8.GetString(record.Span));
    }

    [Fact]
    public void Blank_lines_are_skipped()
    {
        Assert.Equal(["""{"a":"1","b":"2"}""", """{"a":"3","b":"4"}"""], Read("\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n")]
    [InlineData("a,b,c\n")]
    public void Empty_input_or_a_header_alone_gives_no_records(string csv)
    {
        Assert.Empty(Read(csv));
        Assert.Equal("[]", Convert.Text(csv, Format, new Gateway.Formats.Json.JsonFormat()));
    }

    [Fact]
    public void Is_always_a_sequence()
    {
        using var reader = Format.CreateReader(new MemoryStream([]), new FormatOptions());
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.IsSequence);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Without_a_header_columns_are_numbered()
    {
        var options = new FormatOptions { HasHeader = false };
        Assert.Equal(["""{"column1":"a","column2":"b"}""", """{"column1":"1","column2":"2"}"""], Read("a,b\n1,2\n", options));
    }

    [Theory]
    [InlineData(";", "a;b\n\"1;2\";3\n")]
    [InlineData("\t", "a\tb\n\"1\t2\"\t3\n")]
    [InlineData("|", "a|b\n\"1|2\"|3\n")]
    [InlineData("||", "a||b\n\"1||2\"||3\n")]
    [InlineData("§", "a§b\n\"1§2\"§3\n")]
    [InlineData(" :: ", "a :: b\n\"1 :: 2\" :: 3\n")]
    public void Any_delimiter_string_splits_fields(string delimiter, string csv)
    {
        var records = Read(csv, new FormatOptions { Delimiter = delimiter });
        Assert.Equal([$$"""{"a":"1{{delimiter.Replace("\t", "\\t", StringComparison.Ordinal)}}2","b":"3"}"""], records);
    }

    [Fact]
    public void Spaces_around_fields_are_kept()
    {
        Assert.Equal(["""{" a ":" 1 "}"""], Read(" a \n 1 \n"));
    }

    [Fact]
    public void A_stray_quote_inside_an_unquoted_field_is_text()
    {
        Assert.Equal(["""{"height":"5'10\"","b":"x"}"""], Read("height,b\n5'10\",x\n"));
    }

    [Fact]
    public void Values_are_strings_unless_types_are_inferred()
    {
        Assert.Equal(["""{"n":"1.5","b":"true"}"""], Read("n,b\n1.5,true\n"));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-12", "-12")]
    [InlineData("1.50", "1.50")]
    [InlineData("6.02e23", "6.02e23")]
    [InlineData("1E-7", "1E-7")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("08123", "\"08123\"")]
    [InlineData("+1", "\"+1\"")]
    [InlineData("1.", "\"1.\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData("-", "\"-\"")]
    [InlineData("1e", "\"1e\"")]
    [InlineData("NaN", "\"NaN\"")]
    [InlineData("Infinity", "\"Infinity\"")]
    [InlineData(" 1", "\" 1\"")]
    [InlineData("True", "\"True\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("", "\"\"")]
    public void Inference_turns_json_literals_into_numbers_and_booleans_keeping_their_text(string cell, string json)
    {
        var records = Read($"v,w\n\"{cell}\",x\n", new FormatOptions { InferTypes = true });
        Assert.Equal([$$"""{"v":{{json}},"w":"x"}"""], records);
    }

    [Fact]
    public void Column_types_win_over_inference_and_empty_typed_cells_are_null()
    {
        var options = new FormatOptions
        {
            InferTypes = true,
            Columns = { ["zip"] = ColumnType.String, ["n"] = ColumnType.Number, ["ok"] = ColumnType.Boolean, ["j"] = ColumnType.Json },
        };
        var records = Read("zip,n,ok,j,other\n42,7.0,FALSE,\"[1, {\"\"a\"\": \"\"b\"\"}]\",3\n43,,,,\n", options);
        Assert.Equal(
            [
                """{"zip":"42","n":7.0,"ok":false,"j":[1,{"a":"b"}],"other":3}""",
                """{"zip":"43","n":null,"ok":null,"j":null,"other":""}""",
            ],
            records);
    }

    [Fact]
    public void Json_columns_are_compacted_and_keep_exact_numbers_and_escapes()
    {
        var options = new FormatOptions { Columns = { ["j"] = ColumnType.Json } };
        var records = Read("j\n\"{ \"\"x\"\" :\r\n 1.10, \"\"s\"\": \"\"\\u00e9\\n\"\" }\"\n", options);
        Assert.Equal(["""{"j":{"x":1.10,"s":"\u00e9\n"}}"""], records);
    }

    [Fact]
    public void Unflatten_rebuilds_objects_and_arrays_in_header_order()
    {
        var options = new FormatOptions { Unflatten = true };
        var records = Read("id,a.x,tags.1,a.y.z,tags.0,m.0,m.2,n.01\n1,2,t1,3,t0,p,q,r\n", options);
        Assert.Equal(
            ["""{"id":"1","a":{"x":"2","y":{"z":"3"}},"tags":["t0","t1"],"m":{"0":"p","2":"q"},"n":{"01":"r"}}"""],
            records);
    }

    [Fact]
    public void Without_unflatten_dotted_headers_are_plain_keys()
    {
        Assert.Equal(["""{"a.b":"1"}"""], Read("a.b\n1\n"));
    }

    [Fact]
    public void Column_types_apply_to_unflattened_columns_by_their_full_name()
    {
        var options = new FormatOptions { Unflatten = true, Columns = { ["a.n"] = ColumnType.Number } };
        Assert.Equal(["""{"a":{"n":5,"s":"5"}}"""], Read("a.n,a.s\n5,5\n", options));
    }

    [Fact]
    public void An_empty_header_name_is_the_empty_key()
    {
        Assert.Equal(["""{"":"1","b":"2"}"""], Read(",b\n1,2\n"));
    }

    [Fact]
    public void A_quoted_empty_field_in_a_single_column_is_a_record_not_a_blank_line()
    {
        Assert.Equal(["""{"a":""}""", """{"a":"x"}"""], Read("a\n\"\"\n\nx\n"));
    }

    [Fact]
    public void The_record_memory_is_reused_between_reads()
    {
        using var reader = Format.CreateReader(new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n2\n")), new FormatOptions());
        Assert.True(reader.TryRead(out var first));
        var firstText = Encoding.UTF8.GetString(first.Span);
        Assert.True(reader.TryRead(out var second));
        Assert.Equal("""{"a":"1"}""", firstText);
        Assert.Equal("""{"a":"2"}""", Encoding.UTF8.GetString(second.Span));
    }

    [Fact]
    public void A_long_field_within_the_limit_is_read()
    {
        var text = new string('é', 3000);
        var records = Read($"a,b\n{text},x\n", new FormatOptions { MaxFieldLength = 3000 });
        Assert.Equal([$$"""{"a":"{{text}}","b":"x"}"""], records);
    }

    [Fact]
    public void Control_characters_and_quotes_are_escaped_in_json()
    {
        Assert.Equal(["""{"a":"tab\tbell\u0007\"q\"\\"}"""], Read("a\n\"tab\tbell\u0007\"\"q\"\"\\\"\n"));
    }
}
