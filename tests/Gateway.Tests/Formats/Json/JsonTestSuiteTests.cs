using Gateway.Core.Formats;
using Gateway.Formats.Json;

namespace Gateway.Tests.Formats.Json;

/// <summary>Every file of JSONTestSuite's test_parsing: y_ accepted, n_ rejected with a located error, i_ as we decided each one.</summary>
public class JsonTestSuiteTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Conformance", "json-test-suite", "test_parsing");

    public static TheoryData<string> Cases(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, prefix + "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_suite_is_complete()
    {
        Assert.Equal(318, Directory.GetFiles(Folder, "*.json").Length);
    }

    [Theory]
    [MemberData(nameof(Cases), "y_")]
    public void Accepts(string file)
    {
        var (records, error) = Convert(file);
        Assert.Null(error);
        Assert.NotNull(records);
    }

    [Theory]
    [MemberData(nameof(Cases), "n_")]
    public void Rejects(string file)
    {
        var (_, error) = Convert(file);
        Assert.NotNull(error);
        Assert.StartsWith("Invalid JSON", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Our verdict on every implementation-defined case: numbers of any size or exponent are kept exactly as written
    /// (the canonical form carries a number's text, not a double); escaped lone surrogates are kept as written (JSON
    /// to JSON only; formats that must decode them refuse them); bytes that are not UTF-8 are refused (the canonical
    /// form is UTF-8); a UTF-8 byte order mark is dropped.
    /// </summary>
    public static TheoryData<string, string> ImplementationDefined()
    {
        const string Kept = "kept as written";
        const string NotUtf8 = "Invalid UTF-8";
        const string NotJson = "Invalid JSON";
        return new TheoryData<string, string>
        {
            { "i_number_double_huge_neg_exp.json", Kept },
            { "i_number_huge_exp.json", Kept },
            { "i_number_neg_int_huge_exp.json", Kept },
            { "i_number_pos_double_huge_exp.json", Kept },
            { "i_number_real_neg_overflow.json", Kept },
            { "i_number_real_pos_overflow.json", Kept },
            { "i_number_real_underflow.json", Kept },
            { "i_number_too_big_neg_int.json", Kept },
            { "i_number_too_big_pos_int.json", Kept },
            { "i_number_very_big_negative_int.json", Kept },
            { "i_object_key_lone_2nd_surrogate.json", Kept },
            { "i_string_1st_surrogate_but_2nd_missing.json", Kept },
            { "i_string_1st_valid_surrogate_2nd_invalid.json", Kept },
            { "i_string_UTF-16LE_with_BOM.json", NotJson },
            { "i_string_UTF-8_invalid_sequence.json", NotUtf8 },
            { "i_string_UTF8_surrogate_U+D800.json", NotUtf8 },
            { "i_string_incomplete_surrogate_and_escape_valid.json", Kept },
            { "i_string_incomplete_surrogate_pair.json", Kept },
            { "i_string_incomplete_surrogates_escape_valid.json", Kept },
            { "i_string_invalid_lonely_surrogate.json", Kept },
            { "i_string_invalid_surrogate.json", Kept },
            { "i_string_invalid_utf-8.json", NotUtf8 },
            { "i_string_inverted_surrogates_U+1D11E.json", Kept },
            { "i_string_iso_latin_1.json", NotUtf8 },
            { "i_string_lone_second_surrogate.json", Kept },
            { "i_string_lone_utf8_continuation_byte.json", NotUtf8 },
            { "i_string_not_in_unicode_range.json", NotUtf8 },
            { "i_string_overlong_sequence_2_bytes.json", NotUtf8 },
            { "i_string_overlong_sequence_6_bytes.json", NotUtf8 },
            { "i_string_overlong_sequence_6_bytes_null.json", NotUtf8 },
            { "i_string_truncated-utf-8.json", NotUtf8 },
            { "i_string_utf16BE_no_BOM.json", NotJson },
            { "i_string_utf16LE_no_BOM.json", NotJson },
            { "i_structure_500_nested_arrays.json", Kept },
            { "i_structure_UTF-8_BOM_empty_object.json", "{}" },
        };
    }

    [Fact]
    public void Every_implementation_defined_case_has_a_verdict()
    {
        Assert.Equal(
            Directory.GetFiles(Folder, "i_*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            ImplementationDefined().Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ImplementationDefined))]
    public async Task Implementation_defined_cases_get_our_verdict(string file, string verdict)
    {
        // Bounded: not finishing is a failure too.
        var (output, error) = await Task.Run(() => Convert(file)).WaitAsync(TimeSpan.FromSeconds(10));
        switch (verdict)
        {
            case "Invalid UTF-8" or "Invalid JSON":
                Assert.Null(output);
                Assert.StartsWith(verdict + ":", error?.Message, StringComparison.Ordinal);
                break;
            case "kept as written":
                Assert.Null(error);
                Assert.Equal(File.ReadAllText(Path.Combine(Folder, file)).Trim(), output?.Trim());
                break;
            default:
                Assert.Null(error);
                Assert.Equal(verdict, output?.Trim());
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases), "y_")]
    public void Accepts_when_read_one_byte_at_a_time(string file)
    {
        var (records, error) = Convert(file, chunkSize: 1);
        Assert.Null(error);
        Assert.Equal(Convert(file).Output, records);
    }

    private static (string? Output, FormatReadException? Error) Convert(string file, int chunkSize = 0)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        using Stream input = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var output = new MemoryStream();
        var format = new JsonFormat();
        try
        {
            FormatConverter.Convert(input, format, output, format, new FormatOptions { MaxDepth = 1000 });
            return (System.Text.Encoding.UTF8.GetString(output.ToArray()), null);
        }
        catch (FormatReadException ex)
        {
            return (null, ex);
        }
    }
}
