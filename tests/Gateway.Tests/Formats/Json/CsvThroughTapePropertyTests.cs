using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// JSON and NDJSON -> CSV walk the reader's tape; the same records copied to other memory (no tape) are read by
/// <see cref="System.Text.Json.Utf8JsonReader"/> as before. Oracle: that path. For generated documents (nested,
/// escaped, repeated and dotted keys, damaged by a stray byte) and each header policy, the CSV and every error
/// (message and location) must be the same.
/// </summary>
public class CsvThroughTapePropertyTests
{
    private static readonly Gen<FormatOptions> Options = Gen.OneOf(
        Gen.Const(CsvHeaderPolicy.First), Gen.Const(CsvHeaderPolicy.Union), Gen.Const(CsvHeaderPolicy.Columns)).Select(policy => new FormatOptions
        {
            HeaderPolicy = policy,
            HeaderColumns = policy == CsvHeaderPolicy.Columns ? ["a", "b", "c", "a.b", "é", "d.0", "d.1"] : [],
            MaxDepth = 8,
        });

    [Fact]
    public void Json_array_to_csv_is_the_same_with_and_without_the_tape() =>
        ThroughTape.IsTheSameWithAndWithoutTheTape(new JsonFormat(), new CsvFormat(), Options, mostRecords: 6);

    [Fact]
    public void Ndjson_to_csv_is_the_same_with_and_without_the_tape() =>
        ThroughTape.IsTheSameWithAndWithoutTheTape(new NdjsonFormat(), new CsvFormat(), Options, mostRecords: 6);

    [Fact]
    public void The_writer_is_given_the_tape_of_the_record_the_reader_just_returned()
    {
        using var reader = new JsonFormat().CreateReader(new MemoryStream("[{\"a\":1},{\"a\":2}]"u8.ToArray()), new FormatOptions());
        Assert.True(reader.TryRead(out var first));
        Assert.NotNull(JsonTape.For(first.Span));

        // The same bytes elsewhere are not the record the tape was recorded on.
        Assert.Null(JsonTape.For(first.ToArray()));
        Assert.True(reader.TryRead(out var second));
        Assert.Null(JsonTape.For(first.Span));
        Assert.NotNull(JsonTape.For(second.Span));
        reader.Dispose();
        Assert.Null(JsonTape.For(second.Span));
    }
}
