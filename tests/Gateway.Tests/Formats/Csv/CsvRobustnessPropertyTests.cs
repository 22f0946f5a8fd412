using System.Text;
using CsCheck;
using Gateway.Core.Formats;
using Gateway.Tests.Support;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>Whatever the input and options, reading and writing either succeed or throw a located FormatReadException.</summary>
public class CsvRobustnessPropertyTests
{
    private static readonly byte[][] Pieces =
    [
        .. new[] { "a", "a.b", "a.0", "0", "1.5", "-2", "true", "x", " ", "\"", "\"\"", ",", ";", "||", "\t", "\r", "\n", "\r\n", "é", "{\"k\":1}", "[1,", "\u001F", "\u0000" }
            .Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xC3], [0x80], [0xF0, 0x9F, 0x98],
    ];

    private static readonly Gen<byte[]> Input = Gen.OneOf(Pieces).Array[0, 40].Select(parts => parts.SelectMany(p => p).ToArray());

    private static readonly Gen<FormatOptions> Options =
        Gen.Select(Gen.OneOf(",", ";", "||", "§"), Gen.Bool, Gen.Bool, Gen.Bool, Gen.OneOf(ColumnType.String, ColumnType.Number, ColumnType.Boolean, ColumnType.Json), Gen.Bool, Gen.Int[1, 8])
            .Select((delimiter, header, infer, unflatten, type, typed, limit) =>
            {
                var options = new FormatOptions
                {
                    Delimiter = delimiter,
                    HasHeader = header,
                    InferTypes = infer,
                    Unflatten = unflatten,
                    MaxColumns = limit,
                    MaxFieldLength = limit * 3,
                    MaxRecordBytes = 300,
                    MaxDepth = limit,
                };
                if (typed)
                {
                    options.Columns[header ? "a" : "column1"] = type;
                }

                return options;
            });

    [Fact]
    public void Reading_any_input_returns_records_or_a_located_error()
    {
        Gen.Select(Input, Options).Sample(
            sample =>
            {
                var (input, options) = sample;
                try
                {
                    Bounded.Run(() =>
                    {
                        using var reader = Format.CreateReader(new MemoryStream(input), options);
                        while (reader.TryRead(out var record))
                        {
                            using var document = System.Text.Json.JsonDocument.Parse(record);
                            Assert.Equal(System.Text.Json.JsonValueKind.Object, document.RootElement.ValueKind);
                        }
                    });
                }
                catch (FormatReadException e)
                {
                    Assert.False(string.IsNullOrEmpty(e.Location), e.Message);
                }
            },
            iter: 1000);
    }

    [Fact]
    public void Writing_any_record_writes_csv_or_a_located_error()
    {
        var json = Gen.OneOf(
            Gen.Const("{}"), Gen.Const("[]"), Gen.Const("1"), Gen.Const("null"), Gen.Const("{\"a\":"),
            Gen.OneOf("a", "b", "a.b", "", "=x", "-1").Array[1, 4].SelectMany(keys => Gen.OneOf("1", "\"s\"", "null", "true", "{}", "[]", "[1,{\"c\":2}]", "{\"b\":\"x\"}", "\"=1\"").Array[keys.Length]
                .Select(values => "{" + string.Join(",", keys.Zip(values).Select(kv => $"\"{kv.First}\":{kv.Second}")) + "}")));
        Gen.Select(json.Array[1, 5], Options, Gen.Bool).Sample(
            sample =>
            {
                var (records, options, escape) = sample;
                options.EscapeFormulas = escape;
                try
                {
                    Bounded.Run(() => Write(options, records));
                }
                catch (FormatReadException e)
                {
                    Assert.StartsWith("record ", e.Location, StringComparison.Ordinal);
                }
            },
            iter: 1000);
    }
}
