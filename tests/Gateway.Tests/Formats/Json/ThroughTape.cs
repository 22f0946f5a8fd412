using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// The property shared by the JSON -> CSV and JSON -> XML tape tests: a writer handed the reader's own record (which
/// has a tape) writes what it writes from a copy of the record (no tape, read by
/// <see cref="System.Text.Json.Utf8JsonReader"/>), errors included. One generator of records for both.
/// </summary>
internal static class ThroughTape
{
    /// <summary>
    /// Generated records (nested objects, damaged by a stray byte) as a JSON array or NDJSON lines, per
    /// <paramref name="from"/>, converted to <paramref name="to"/> both ways must give the same text.
    /// </summary>
    public static void IsTheSameWithAndWithoutTheTape(DataFormat from, DataFormat to, Gen<FormatOptions> options, int mostRecords) =>
        Gen.Select(JsonTapeGenerators.Damaged(JsonTapeGenerators.Object(3)).Array[0, mostRecords], options).Sample((records, chosen) =>
        {
            var document = Encoding.UTF8.GetBytes(from is NdjsonFormat
                ? string.Join("\n", records.Select(r => r.Replace('\n', ' ').Replace('\r', ' ')))
                : "[" + string.Join(",", records) + "]");
            Assert.Equal(Convert(document, from, to, chosen, copy: true), Convert(document, from, to, chosen, copy: false));
        }, iter: 3000);

    /// <summary>The output, or the error; <paramref name="copy"/> hands the writer a copy of each record, which has no tape.</summary>
    private static string Convert(byte[] document, DataFormat from, DataFormat to, FormatOptions options, bool copy)
    {
        using var output = new MemoryStream();
        using var reader = from.CreateReader(new MemoryStream(document), options);
        using var writer = to.CreateWriter(output, options);
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
