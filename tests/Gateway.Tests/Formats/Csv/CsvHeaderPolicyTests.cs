using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>HeaderPolicy: the columns of CSV output from the first record, from every record, or from a list.</summary>
public class CsvHeaderPolicyTests
{
    private static readonly FormatOptions Union = new() { HeaderPolicy = CsvHeaderPolicy.Union };

    [Fact]
    public void First_refuses_a_later_field_and_points_to_union()
    {
        var ex = WriteError(null, """{"a":"1"}""", """{"a":"2","b":"x"}""");
        Assert.Equal(
            "Record 2 has the field 'b', which is not a column of the CSV header. The header is fixed by the first record; give every record the same fields (missing ones may be left out), or use HeaderPolicy Union. (record 2)",
            ex.Message);
    }

    [Fact]
    public void Union_writes_every_field_of_every_record_in_the_order_first_seen_with_missing_values_empty()
    {
        var csv = Write(Union, """{"a":"1"}""", """{"b":{"c":true},"a":"2"}""", """{"d":3}""");
        Assert.Equal("a,b.c,d\r\n1,,\r\n2,true,\r\n,,3\r\n", csv);
    }

    [Fact]
    public void Union_without_records_writes_nothing_and_with_only_empty_objects_says_so()
    {
        Assert.Equal(string.Empty, Write(Union));
        var ex = WriteError(Union, "{}", "{}");
        Assert.Equal("Every record is an empty object, so there are no columns. (record 1)", ex.Message);
    }

    [Fact]
    public void Union_past_its_buffer_is_an_error_that_names_the_way_out()
    {
        var options = new FormatOptions { HeaderPolicy = CsvHeaderPolicy.Union, UnionBufferBytes = 20 };
        var ex = WriteError(options, """{"a":"1234"}""", """{"a":"5678"}""");
        Assert.StartsWith("HeaderPolicy Union holds the records until the last one to learn every column, and record 2 goes past the limit of 20 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal("record 2", ex.Location);
    }

    [Fact]
    public void Union_starts_again_for_each_document_of_a_reused_writer()
    {
        using var output = new MemoryStream();
        using var writer = (IReusableRecordWriter)Format.CreateWriter(output, Union);
        writer.Begin(isSequence: true);
        writer.Write("""{"a":"1"}"""u8);
        writer.Complete();
        writer.Reset();
        writer.Begin(isSequence: true);
        writer.Write("""{"b":"2"}"""u8);
        writer.Complete();
        Assert.Equal("a\r\n1\r\nb\r\n2\r\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Columns_writes_the_listed_columns_in_order_even_without_records()
    {
        var options = new FormatOptions { HeaderPolicy = CsvHeaderPolicy.Columns, HeaderColumns = ["id", "address.city", "note"] };
        Assert.Equal("id,address.city,note\r\n7,Oslo,\r\n", Write(options, """{"address":{"city":"Oslo"},"id":7}"""));
        Assert.Equal("id,address.city,note\r\n", Write(options));
    }

    [Fact]
    public void Columns_refuses_a_field_that_is_not_listed()
    {
        var options = new FormatOptions { HeaderPolicy = CsvHeaderPolicy.Columns, HeaderColumns = ["id"] };
        var ex = WriteError(options, """{"id":1,"extra":2}""");
        Assert.Equal(
            "Record 1 has the field 'extra', which is not a column of the CSV header. The columns are the HeaderColumns list (--header-columns); add the field to it, or use HeaderPolicy Union. (record 1)",
            ex.Message);
    }

    [Theory]
    [InlineData(CsvHeaderPolicy.Columns, new string[0], "HeaderPolicy Columns needs the list of columns in HeaderColumns.")]
    [InlineData(CsvHeaderPolicy.First, new[] { "a" }, "HeaderColumns is used only with HeaderPolicy Columns (it is First).")]
    public void Columns_and_its_list_go_together(CsvHeaderPolicy policy, string[] columns, string expected)
    {
        var results = new FormatOptions { HeaderPolicy = policy, HeaderColumns = [.. columns] }.Validate(new(new object())).ToList();
        Assert.Equal(expected, Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public void Column_scan_gives_the_union_the_writer_would_use()
    {
        using var input = new MemoryStream("""[{"a":1},{"b":[1,2]},{"a":3,"c":null}]"""u8.ToArray());
        using var reader = new JsonFormat().CreateReader(input, new FormatOptions());
        Assert.Equal(["a", "b.0", "b.1", "c"], CsvColumnScan.Union(reader, new FormatOptions()));
    }
}
