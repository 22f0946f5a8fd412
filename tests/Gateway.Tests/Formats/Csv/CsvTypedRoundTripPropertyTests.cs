using System.Text.Json;
using CsCheck;
using Gateway.Core.Formats;
using static Gateway.Tests.Formats.Csv.CsvTest;

namespace Gateway.Tests.Formats.Csv;

/// <summary>
/// JSON -> CSV -> JSON with <c>InferTypes</c> and <c>Unflatten</c> gives back records of numbers, booleans, strings,
/// nested objects and arrays exactly (numbers by their text), within what CSV can tell apart (docs/formats-csv.md).
/// </summary>
public class CsvTypedRoundTripPropertyTests
{
    /// <summary>JSON number literals, including those a double would change (trailing zeros, huge, many digits).</summary>
    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "-0", "1.10", "-0.5", "6.02e23", "1E-7", "123456789012345678901234567890", "0.000001", "-12.5e+3"));

    /// <summary>Strings that stay strings under inference: text, and the spellings the docs list as not JSON literals.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char['a', 'z'], 1, 6],
        Gen.OneOf("08123", "+1", "1.", ".5", "1e", "NaN", "TRUE", "null", "x y", "a,b", "say \"hi\"", "line\nbreak", "é€😀", "=1+2"));

    private static readonly Gen<string> Leaf = Gen.Frequency(
        (3, Number),
        (1, Gen.OneOf("true", "false")),
        (3, Text.Select(t => JsonSerializer.Serialize(t))));

    /// <summary>Keys that are neither array indexes nor dotted (CSV would read those as nesting).</summary>
    private static readonly Gen<string> Key = Gen.String[Gen.Char['a', 'e'], 1, 3];

    private static Gen<string> Value(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (4, Leaf),
            (1, Object(depth - 1)),
            (1, Value(depth - 1).Array[1, 3].Select(items => "[" + string.Join(",", items) + "]")));

    private static Gen<string> Object(int depth) =>
        Gen.Select(Key, Value(depth), (k, v) => (k, v)).Array[1, 4]
            .Select(pairs => "{" + string.Join(",", pairs.DistinctBy(p => p.k).Select(p => $"{JsonSerializer.Serialize(p.k)}:{p.v}")) + "}");

    [Fact]
    public void Numbers_booleans_strings_and_nesting_come_back_with_infer_types_and_unflatten()
    {
        Object(3).Sample(
            record =>
            {
                var written = Write(new FormatOptions(), record);

                var back = Read(written, new FormatOptions { InferTypes = true, Unflatten = true });

                using var expected = JsonDocument.Parse(record);
                using var actual = JsonDocument.Parse(Assert.Single(back));
                Assert.True(SameJson(expected.RootElement, actual.RootElement), $"{record}\nwrote:\n{written}\nread back: {back[0]}");
            },
            iter: 2000);
    }

    /// <summary>Equal values, objects in the same key order, numbers by their exact text.</summary>
    private static bool SameJson(JsonElement a, JsonElement b) => a.ValueKind == b.ValueKind && a.ValueKind switch
    {
        JsonValueKind.Object => a.EnumerateObject().Select(p => p.Name).SequenceEqual(b.EnumerateObject().Select(p => p.Name))
            && a.EnumerateObject().All(p => SameJson(p.Value, b.GetProperty(p.Name))),
        JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => SameJson(pair.First, pair.Second)),
        JsonValueKind.String => a.GetString() == b.GetString(),
        _ => a.GetRawText() == b.GetRawText(),
    };
}
