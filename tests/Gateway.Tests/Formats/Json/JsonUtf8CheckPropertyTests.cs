using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// The quick syntax check also checks the UTF-8 inside strings, and the JSON and NDJSON readers skip their own
/// UTF-8 pass for a record it proved. Oracle: <see cref="Utf8.IsValid"/> and <see cref="Rune.DecodeFromUtf8"/>; for
/// the readers, the error a separate UTF-8 pass over each record words (the first bad byte, the record's location).
/// </summary>
public class JsonUtf8CheckPropertyTests
{
    private const int MaxDepth = 8;

    // Bytes that are not UTF-8 (stray continuation, overlong, surrogate, past U+10FFFF, cut short, never used), and
    // valid sequences of every length near the edges of those ranges.
    private static readonly byte[][] Hostile =
        [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
         [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF],
         [0xE2, 0x89], [0xF0, 0x9F, 0x98], [0xC3, 0x28], [0xE2, 0x28, 0xA1],
         [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
         [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xC3, 0xA9, 0xE2, 0x89, 0x88]];

    /// <summary>An object whose last string holds a hostile or non-ASCII sequence somewhere in ASCII text.</summary>
    private static readonly Gen<byte[]> Record = Gen.Select(
        JsonTapeGenerators.Value(2),
        Gen.String[Gen.Char['a', 'z'], 0, 20],
        Gen.Int[0, 100],
        Gen.OneOf(Hostile),
        BuildRecord);

    [Fact]
    public void A_sequence_is_accepted_exactly_when_it_is_one_UTF8_character()
    {
        byte[] tails = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        var text = new byte[4];
        for (var lead = 0x80; lead <= 0xFF; lead++)
        {
            for (var second = 0; second <= 0xFF; second++)
            {
                foreach (var third in tails)
                {
                    foreach (var fourth in tails)
                    {
                        text[0] = (byte)lead;
                        text[1] = (byte)second;
                        text[2] = third;
                        text[3] = fourth;
                        for (var length = 1; length <= 4; length++)
                        {
                            var span = text.AsSpan(0, length);
                            var expected = Rune.DecodeFromUtf8(span, out _, out var consumed) == OperationStatus.Done ? consumed : 0;
                            if (expected != JsonStringScan.Utf8SequenceLength(span, 0) || (expected > 0 && !Utf8.IsValid(span[..expected])))
                            {
                                Assert.Fail($"bytes {System.Convert.ToHexString(span)}: expected {expected}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void A_proven_value_says_whether_its_UTF8_is_valid() =>
        Gen.Select(JsonTapeGenerators.Value(3), Gen.Int[0, 10_000], Gen.OneOf(Hostile)).Sample((text, at, bytes) =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            var cut = at % (utf8.Length + 1);
            byte[] json = [.. utf8.AsSpan(0, cut), .. bytes, .. utf8.AsSpan(cut)];
            var tape = new JsonTape();
            if (JsonSyntaxCheck.IsValid(json, MaxDepth, tape, out var whole))
            {
                Assert.True(Utf8.IsValid(json) == whole, System.Convert.ToHexString(json));
            }

            byte[] element = [.. json, .. ",1"u8];
            var end = JsonSyntaxCheck.ValueEnd(element, MaxDepth, tape, out var value);
            if (end >= 0)
            {
                Assert.True(Utf8.IsValid(element.AsSpan(0, end)) == value, System.Convert.ToHexString(element));
            }
        }, iter: 5000);

    [Fact]
    public void The_JSON_reader_refuses_the_first_record_that_is_not_UTF8_where_it_is() =>
        Gen.Select(Record.Array[1, 5], Gen.OneOf(0, 1, 7)).Sample((records, chunkSize) =>
        {
            var document = new List<byte>([(byte)'[']);
            var expected = new StringBuilder();
            string? error = null;
            for (var k = 0; k < records.Length; k++)
            {
                if (error is null)
                {
                    error = Utf8Error(records[k], $"record {k + 1}, byte ", document.Count);
                    expected.Append(error is null ? Encoding.UTF8.GetString(records[k]) + "|" : $"error: {error}");
                }

                document.AddRange(records[k]);
                document.AddRange(k < records.Length - 1 ? ",\n"u8 : "]"u8);
            }

            Assert.Equal(expected.ToString(), Read(new JsonFormat(), [.. document], chunkSize));
        }, iter: 2000);

    [Fact]
    public void The_NDJSON_reader_refuses_the_first_line_that_is_not_UTF8_where_it_is() =>
        Gen.Select(Record.Select(OneLine).Array[1, 5], Gen.OneOf(0, 1, 7)).Sample((records, chunkSize) =>
        {
            var document = new List<byte>();
            var expected = new StringBuilder();
            string? error = null;
            for (var k = 0; k < records.Length; k++)
            {
                if (error is null)
                {
                    error = Utf8Error(records[k], $"line {k + 1}, byte ", 1);
                    expected.Append(error is null ? Encoding.UTF8.GetString(records[k]) + "|" : $"error: {error}");
                }

                document.AddRange(records[k]);
                document.AddRange("\n"u8);
            }

            Assert.Equal(expected.ToString(), Read(new NdjsonFormat(), [.. document], chunkSize));
        }, iter: 2000);

    /// <summary>The record with its line breaks (whitespace between tokens) made spaces.</summary>
    private static byte[] OneLine(byte[] record) => [.. record.Select(b => b is (byte)'\n' or (byte)'\r' ? (byte)' ' : b)];

    private static byte[] BuildRecord(string value, string text, int at, byte[] bytes)
    {
        var cut = at % (text.Length + 1);
        return [.. "{\"v\":"u8, .. Encoding.UTF8.GetBytes(value), .. ",\"s\":\""u8, .. Encoding.UTF8.GetBytes(text[..cut]), .. bytes,
                .. Encoding.UTF8.GetBytes(text[cut..]), .. "\"}"u8];
    }

    /// <summary>The reader's error for a record that is not UTF-8: the first bad byte, located from <paramref name="offset"/>; null when valid.</summary>
    private static string? Utf8Error(byte[] record, string where, int offset)
    {
        var index = 0;
        while (index < record.Length && Rune.DecodeFromUtf8(record.AsSpan(index), out _, out var consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        return index == record.Length
            ? null
            : $"Invalid UTF-8: byte 0x{record[index]:X2} does not start or continue a valid UTF-8 sequence ({where}{offset + index})";
    }

    private static string Read(DataFormat format, byte[] bytes, int chunkSize)
    {
        using Stream input = chunkSize > 0 ? new TrickleStream(bytes, chunkSize) : new MemoryStream(bytes);
        using var reader = format.CreateReader(input, new FormatOptions { MaxDepth = MaxDepth });
        var records = new StringBuilder();
        try
        {
            while (reader.TryRead(out var record))
            {
                records.Append(Encoding.UTF8.GetString(record.Span)).Append('|');
            }
        }
        catch (FormatReadException ex)
        {
            records.Append($"error: {ex.Message}");
        }

        return records.ToString();
    }
}
