using CsCheck;

namespace Gateway.Tests.Formats.Json;

/// <summary>
/// JSON text for the tape tests: nested objects and arrays whose keys and strings hold every kind of escape (also
/// surrogate escapes, which the quick check leaves to the reader), non-ASCII text, text that CSV must quote or
/// escape as a formula, repeated and dotted keys; optionally damaged by a stray byte.
/// </summary>
internal static class JsonTapeGenerators
{
    private static readonly string[] Strings =
        ["", "a", "é ≈ 2 kg", "leave at \\\"door\\\"", "multi\\nline", "tab\\there", "\\u00e9t\\u00E9", "\\u20ac\\u0041", "\\ud83d\\ude00",
         "\\ud800", "\\/slash\\\\", "\\b\\f\\r", "x,y", "=1+1", "😀", "\\u0000", "  spaced  "];

    private static readonly string[] Keys = ["a", "b", "a.b", "c", "\\u0061", "é", "", "x\\\"y", "@id", "#text", "0", "d"];

    private static readonly string[] Scalars = ["1", "-0.5e3", "0", "1E+2", "true", "false", "null", "123456789012345678901234567890", "2.50"];

    private static readonly string[] Spaces = ["", "", "", " ", "\n", "\r\n  ", "\t"];

    private static readonly string[] Strays = ["x", ",", "]", "[", "{", "}", "\"", ":", " ", "1", "\\"];

    /// <summary>A JSON object nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Object(int depth) =>
        Gen.Select(
            Gen.Select(Gen.OneOf(Keys), Value(depth - 1), Gen.OneOf(Spaces), (key, value, space) => $"{space}\"{key}\"{space}:{space}{value}").Array[0, 5],
            members => "{" + string.Join(",", members) + "}");

    /// <summary>Any JSON value nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<string> Value(int depth)
    {
        var scalar = Gen.Frequency((2, Gen.OneOf(Scalars)), (3, Gen.OneOf(Strings).Select(s => $"\"{s}\"")));
        if (depth <= 0)
        {
            return scalar;
        }

        var array = Value(depth - 1).Array[0, 3].Select(items => "[" + string.Join(", ", items) + "]");
        return Gen.Frequency((4, scalar), (2, Object(depth)), (1, array));
    }

    /// <summary><paramref name="text"/>, and sometimes the same with a stray byte inserted.</summary>
    public static Gen<string> Damaged(Gen<string> text) =>
        Gen.Select(text, Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))), Gen.Int[0, 10_000], Gen.OneOf(Strays),
            (value, damage, at, stray) => damage ? value.Insert(at % (value.Length + 1), stray) : value);
}
