using System.Text;
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
    private static readonly Gen<string[]> Records = JsonTapeGenerators.Damaged(JsonTapeGenerators.Object(3)).Array[0, 6];

    private static readonly Gen<FormatOptions> Options = Gen.OneOf(
        Gen.Const(CsvHeaderPolicy.First), Gen.Const(CsvHeaderPolicy.Union), Gen.Const(CsvHeaderPolicy.Columns)).Select(policy => new FormatOptions
        {
            HeaderPolicy = policy,
            HeaderColumns = policy == CsvHeaderPolicy.Columns ? ["a", "b", "c", "a.b", "é", "d.0", "d.1"] : [],
            MaxDepth = 8,
        });

    [Fact]
    public void Json_array_to_csv_is_the_same_with_and_without_the_tape() =>
        Gen.Select(Records, Options).Sample((records, options) =>
        {
            var document = Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]");
            Assert.Equal(Convert(document, new JsonFormat(), options, copy: true), Convert(document, new JsonFormat(), options, copy: false));
        }, iter: 3000);

    [Fact]
    public void Ndjson_to_csv_is_the_same_with_and_without_the_tape() =>
        Gen.Select(Records, Options).Sample((records, options) =>
        {
            var document = Encoding.UTF8.GetBytes(string.Join("\n", records.Select(r => r.Replace('\n', ' ').Replace('\r', ' '))));
            Assert.Equal(Convert(document, new NdjsonFormat(), options, copy: true), Convert(document, new NdjsonFormat(), options, copy: false));
        }, iter: 3000);

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

    /// <summary>The CSV, or the error; <paramref name="copy"/> hands the writer a copy of each record, which has no tape.</summary>
    private static string Convert(byte[] document, DataFormat from, FormatOptions options, bool copy)
    {
        using var output = new MemoryStream();
        using var reader = from.CreateReader(new MemoryStream(document), options);
        using var writer = new CsvFormat().CreateWriter(output, options);
        try
        {
            var hasRecord = reader.TryRead(out var record);
            writer.Begin(reader.IsSequence);
            while (hasRecord)
            {
                writer.Write(copy ? record.ToArray() : record.Span);
                hasRecord = reader.TryRead(out record);
            }

            writer.Complete();
            return Encoding.UTF8.GetString(output.ToArray());
        }
        catch (FormatReadException e)
        {
            return $"error: {e.Message} at {e.Location}";
        }
    }
}
