using System.Text;
using Gateway.Core.Formats;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Every way CSV input can be rejected: each error says what is wrong and where.</summary>
public class CsvReadErrorTests
{
    [Theory]
    [InlineData("a,b\n1,2\n3,4,5\n", "Record 2 has 3 fields, but the header has 2", "line 3")]
    [InlineData("a,b\n1\n", "Record 1 has 1 fields, but the header has 2", "line 2")]
    [InlineData("a,b\n\n\n1,2\n\"x\ny\",2\n3\n", "Record 3 has 1 fields, but the header has 2", "line 7")]
    public void A_row_with_another_field_count_than_the_header_is_an_error(string csv, string message, string location)
    {
        var error = ReadError(csv);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(location, error.Location);
    }

    [Fact]
    public void Without_a_header_rows_must_match_the_first_row()
    {
        var error = ReadError("1,2\n3,4,5\n", new FormatOptions { HasHeader = false });
        Assert.Contains("Record 2 has 3 fields, but the first row has 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 2", error.Location);
    }

    [Fact]
    public void Records_before_an_error_are_still_returned()
    {
        using var reader = Format.CreateReader(new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n2,3\n")), new FormatOptions());
        Assert.True(reader.TryRead(out _));
        Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_an_error()
    {
        var error = ReadError("a,b\n1,2\n3,\"open\n4,5\n");
        Assert.Contains("Record 2: a quoted field is never closed", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3", error.Location);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var error = ReadError("a,b\n\"x\"y,2\n");
        Assert.Contains("Record 1: text follows the closing quote", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 2", error.Location);
    }

    [Fact]
    public void A_malformed_header_is_named_as_the_header()
    {
        var error = ReadError("\"a\"b,c\n1,2\n");
        Assert.StartsWith("The header: text follows the closing quote", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);
    }

    [Fact]
    public void Duplicate_header_names_are_an_error()
    {
        var error = ReadError("\n\nid,name,id\n1,2,3\n");
        Assert.Contains("The header names 'id' twice (columns 1 and 3)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3", error.Location);
    }

    [Theory]
    [InlineData("a,a.b\n1,2\n", "'a' (column 1) and 'a.b' (column 2) conflict: 'a' cannot be both")]
    [InlineData("x.y.z,x.y\n1,2\n", "'x.y.z' (column 1) and 'x.y' (column 2) conflict: 'x.y' cannot be both")]
    public void Unflatten_rejects_a_header_that_is_both_a_value_and_an_object(string csv, string message)
    {
        var error = ReadError(csv, new FormatOptions { Unflatten = true });
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);
    }

    [Fact]
    public void Unflatten_rejects_headers_nested_deeper_than_max_depth()
    {
        var error = ReadError("a.b.c.d\n1\n", new FormatOptions { Unflatten = true, MaxDepth = 3 });
        Assert.Contains("'a.b.c.d' (column 1) nests 4 levels deep, more than MaxDepth (3)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);
    }

    [Fact]
    public void Too_many_columns_is_an_error()
    {
        var error = ReadError("a,b,c\n1,2,3\n", new FormatOptions { MaxColumns = 2 });
        Assert.Contains("3 columns, more than MaxColumns (2)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);

        error = ReadError("\n1,2,3\n", new FormatOptions { MaxColumns = 2, HasHeader = false });
        Assert.Contains("more than MaxColumns (2)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 2", error.Location);
    }

    [Fact]
    public void A_field_longer_than_max_field_length_is_an_error_naming_its_column()
    {
        var error = ReadError("a,b\n1,2\n3,\"" + new string('é', 11) + "\"\n", new FormatOptions { MaxFieldLength = 10 });
        Assert.Contains("Record 2, column 'b': the field has more than MaxFieldLength (10) characters", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3, column 2", error.Location);
    }

    [Fact]
    public void Max_field_length_counts_characters_not_bytes()
    {
        Assert.Single(Read("a\n" + new string('é', 10) + "\n", new FormatOptions { MaxFieldLength = 10 }));
    }

    [Fact]
    public void A_header_name_longer_than_max_field_length_is_an_error()
    {
        var error = ReadError("a,abcdefghijk\n1,2\n", new FormatOptions { MaxFieldLength = 10 });
        Assert.Contains("The header name of column 2 has 11 characters, more than MaxFieldLength (10)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1, column 2", error.Location);
    }

    [Fact]
    public void A_record_longer_than_max_record_bytes_stops_reading_an_unclosed_quote()
    {
        var csv = "a,b\n1,2\n3,\"" + string.Concat(Enumerable.Repeat("never closed, ", 40_000));
        var error = ReadError(csv, new FormatOptions { MaxRecordBytes = 64 * 1024 });
        Assert.Contains("Record 2 is longer than MaxRecordBytes (65536 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3", error.Location);
    }

    [Fact]
    public void Columns_naming_a_missing_column_is_an_error()
    {
        var error = ReadError("a,b\n1,2\n", new FormatOptions { Columns = { ["c"] = ColumnType.Number } });
        Assert.Contains("Columns gives a type to 'c', but the header has no such column. Its columns are: 'a', 'b'", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);
    }

    [Theory]
    [InlineData(ColumnType.Number, "abc", "column 'v' (Number): 'abc' is not a JSON number")]
    [InlineData(ColumnType.Number, "1,5", "column 'v' (Number): '1,5' is not a JSON number")]
    [InlineData(ColumnType.Number, "08", "column 'v' (Number): '08' is not a JSON number")]
    [InlineData(ColumnType.Boolean, "yes", "column 'v' (Boolean): 'yes' is not true or false")]
    [InlineData(ColumnType.Json, "{\"\"a\"\":", "column 'v' (Json): '{\"a\":' is not valid JSON")]
    [InlineData(ColumnType.Json, "1 2", "column 'v' (Json): '1 2' is not valid JSON")]
    [InlineData(ColumnType.Json, " ", "column 'v' (Json): ' ' is not valid JSON")]
    public void A_cell_that_does_not_fit_its_column_type_is_an_error(ColumnType type, string cell, string message)
    {
        var error = ReadError($"k,v\n1,\n2,\"{cell}\"\n", new FormatOptions { Columns = { ["v"] = type } });
        Assert.Contains("Record 2, " + message, error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3, column 2", error.Location);
    }

    [Fact]
    public void A_json_cell_nested_too_deep_is_an_error()
    {
        var error = ReadError("v\n[[[[1]]]]\n", new FormatOptions { Columns = { ["v"] = ColumnType.Json }, MaxDepth = 3 });
        Assert.Contains("Record 1, column 'v' (Json)", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 2, column 1", error.Location);
    }

    [Fact]
    public void Long_cell_values_are_shortened_in_messages()
    {
        var error = ReadError("v\n" + new string('x', 500) + "\n", new FormatOptions { Columns = { ["v"] = ColumnType.Number } });
        Assert.Contains("'" + new string('x', 40) + "...' is not a JSON number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_field()
    {
        byte[] csv = [.. "a,b\n1,2\n3,"u8, 0xC3, 0x28, .. "\n"u8];
        using var reader = Format.CreateReader(new MemoryStream(csv), new FormatOptions());
        Assert.True(reader.TryRead(out _));
        var error = Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.Contains("Record 2, column 'b': the field is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 3, column 2", error.Location);
    }

    [Fact]
    public void Invalid_utf8_in_the_header_is_an_error()
    {
        byte[] csv = [.. "\n\"a"u8, 0xC3, 0x28, .. "\",b\n1,2\n"u8];
        var error = Assert.Throws<FormatReadException>(() => Format.CreateReader(new MemoryStream(csv), new FormatOptions()).TryRead(out _));
        Assert.Contains("The header name of column 1 is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 2, column 1", error.Location);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("\"", "must not contain a quote or a line break")]
    [InlineData("\n", "must not contain a quote or a line break")]
    [InlineData(",\r", "must not contain a quote or a line break")]
    [InlineData("12345678901234567", "at most 16 bytes")]
    public void A_delimiter_that_cannot_delimit_is_an_error(string delimiter, string message)
    {
        var error = Assert.Throws<FormatReadException>(() => Format.CreateReader(new MemoryStream([]), new FormatOptions { Delimiter = delimiter }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("option Delimiter", error.Location);
    }

    [Fact]
    public void A_long_delimiter_with_the_replacement_control_character_in_the_data_is_an_error()
    {
        var error = ReadError("a||b\n1\u001F||2\n", new FormatOptions { Delimiter = "||" });
        Assert.Contains("contains a U+001E or U+001F control character outside quoted fields", error.Message, StringComparison.Ordinal);
        Assert.Equal("byte offset 6", error.Location);
    }

    [Fact]
    public void Utf16_input_with_a_long_delimiter_is_an_error()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a||b\n1||2\n")).ToArray();
        using var reader = Format.CreateReader(new MemoryStream(bytes), new FormatOptions { Delimiter = "||" });
        var error = Assert.Throws<FormatReadException>(() => reader.TryRead(out _));
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Equal("line 1", error.Location);
    }
}
