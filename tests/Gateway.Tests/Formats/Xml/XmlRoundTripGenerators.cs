using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// CsCheck generators for the round-trip properties. JSON is generated inside the reversible domain of the Gateway
/// XML convention (see docs/formats-xml.md, "What a round trip loses"): no empty objects, no empty or
/// whitespace-only strings, no strings that read back as numbers or booleans, no arrays of fewer than two items,
/// no arrays directly inside arrays, no null attributes, attributes before child elements, and <c>#text</c> only
/// beside attributes or child elements. XML is generated without mixed content or interleaved same-name siblings.
/// </summary>
internal static partial class XmlRoundTripGenerators
{
    private static readonly string[] TextPieces =
        ["a", "Z", "x", "é", "€", "中", "😀", " ", "  ", "<", ">", "&", "\"", "'", "]]>", "\n", "\t", "\r", "\r\n", "1", "-", ".", "e", "true", "null", ":", "_x0041_"];

    private static readonly string[] KeyPieces =
        ["a", "b", "Z", "é", "中", "_", "-", ".", "1", " ", ":", "#", "$", "x", "_x0020_", "😀", "item", "row"];

    private static readonly string[] NamePieces = ["a", "b", "Z", "é", "中", "_", "-", ".", "1", "k", "w"];

    /// <summary>A JSON string literal.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>Text that the reader gives back as the same string, even with InferTypes on.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(TextPieces).Array[1, 6]
        .Select(string.Concat)
        .Where(t => t.Any(c => c is not (' ' or '\t' or '\r' or '\n')) && !JsonNumberLike(t) && t is not ("true" or "false"));

    /// <summary>A JSON number literal.</summary>
    public static readonly Gen<string> Number = Gen.Select(
        Gen.OneOf("", "-"), Gen.Int[0, 1_000_000], Gen.OneOf("", ".5", ".25", ".0", ".125"), Gen.OneOf("", "", "e3", "E-2", "e+10"),
        (sign, integer, fraction, exponent) => sign + integer + fraction + exponent);

    /// <summary>A JSON scalar that survives the trip: text, number or boolean.</summary>
    public static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Text.Select(Quote)), (2, Number), (1, Gen.OneOf("true", "false")));

    /// <summary>An arbitrary non-empty key that is not special (<c>@...</c>, <c>#text</c>).</summary>
    public static readonly Gen<string> Key = Gen.OneOf(KeyPieces).Array[1, 4]
        .Select(string.Concat)
        .Where(k => !k.StartsWith('@') && k != "#text");

    /// <summary>An attribute name (without <c>@</c>) that is not a namespace declaration.</summary>
    public static readonly Gen<string> AttributeKey = Key.Where(k => k != "xmlns" && !k.StartsWith("xmlns:", StringComparison.Ordinal));

    /// <summary>A JSON value that is not an array, nesting objects up to <paramref name="depth"/> deep.</summary>
    public static Gen<string> Value(int depth, bool prefixes) => depth == 0
        ? Gen.Frequency((6, Scalar), (1, Gen.Const("null")))
        : Gen.Frequency((6, Scalar), (1, Gen.Const("null")), (4, Object(depth, prefixes)));

    /// <summary>A one-property document <c>{"name": value}</c>; with prefixes the value declares <c>p</c> and names may use it.</summary>
    public static Gen<string> Document(bool prefixes) => prefixes
        ? Gen.Select(Key, Object(3, prefixes: true, declare: true), (key, value) => "{" + Quote(key) + ":" + value + "}")
        : Gen.Select(Key, Value(3, prefixes: false), (key, value) => "{" + Quote(key) + ":" + value + "}");

    /// <summary>A sequence of 0 to 6 records, each any non-array value.</summary>
    public static Gen<string[]> Records => Value(2, prefixes: false).Array[0, 6];

    private static Gen<string> Object(int depth, bool prefixes, bool declare = false)
    {
        var key = prefixes ? Gen.Frequency((2, Key), (1, Key.Select(k => "p:" + k))) : Key;
        var attributeKey = prefixes ? Gen.Frequency((2, AttributeKey), (1, AttributeKey.Select(k => "p:" + k))) : AttributeKey;
        var attributeValue = Gen.Frequency((4, Text.Select(Quote)), (1, Gen.Const("\"\"")), (2, Number), (1, Gen.OneOf("true", "false")));
        var child = Value(depth - 1, prefixes);
        var childOrArray = Gen.Frequency((4, child), (1, child.Array[2, 3].Select(items => "[" + string.Join(",", items) + "]")));
        var attributes = attributeKey.ArrayUnique[0, 3].SelectMany(names => attributeValue.Array[names.Length].Select(values =>
            names.Zip(values, (n, v) => Quote("@" + n) + ":" + v).ToList()));
        var children = key.ArrayUnique[0, 4].SelectMany(names => childOrArray.Array[names.Length].Select(values =>
            names.Zip(values, (n, v) => Quote(n) + ":" + v).ToList()));
        return Gen.Select(attributes, children, Gen.Bool, Gen.Int[0, 4], Text.Select(Quote), (attrs, elements, withText, at, text) =>
        {
            var properties = new List<string>();
            if (declare)
            {
                properties.Add("\"@xmlns:p\":\"urn:test:p\"");
            }

            properties.AddRange(attrs);
            var content = elements.ToList();

            // #text beside attributes or children only: alone it would read back as a plain string.
            if (withText && properties.Count + content.Count > 0)
            {
                content.Insert(Math.Min(at, content.Count), "\"#text\":" + text);
            }

            properties.AddRange(content);
            return properties.Count == 0 ? "null" : "{" + string.Join(",", properties) + "}";
        });
    }

    // An oracle independent of the implementation: the JSON number grammar (RFC 8259).
    private static bool JsonNumberLike(string text) => JsonNumberPattern().IsMatch(text);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumberPattern();
}
