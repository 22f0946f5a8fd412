using System.Text;
using CsCheck;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// CsCheck generators of XML documents inside the round-trip domain of the Gateway XML convention: elements with
/// attributes and either text or child elements (never both: no mixed content), same-name siblings adjacent (never
/// interleaved), optional namespaces with prefixes and redeclarations.
/// </summary>
internal static class XmlDocumentGenerators
{
    private static readonly string[] TextPieces = ["a", "Z", "é", "€", "中", "😀", " ", "<", ">", "&", "\"", "'", "]]>", "\n", "\t", "\r", "1", "true", "_x0041_"];

    private static readonly string[] NameStarts = ["a", "b", "Z", "é", "中", "_", "k", "w"];

    private static readonly string[] NameRest = ["a", "b", "é", "中", "_", "-", ".", "1", "k", "w"];

    /// <summary>Any text, empty and whitespace-only included.</summary>
    public static readonly Gen<string> Text = Gen.OneOf(TextPieces).Array[0, 5].Select(string.Concat);

    /// <summary>An XML NCName without <c>_xHHHH_</c> sequences and not starting with <c>xml</c>.</summary>
    public static readonly Gen<string> Name = Gen.Select(Gen.OneOf(NameStarts), Gen.OneOf(NameRest).Array[0, 3], (s, r) => s + string.Concat(r));

    /// <summary>A whole document; with namespaces the root declares <c>p</c> (and maybe a default namespace) and names may use <c>p:</c>.</summary>
    public static Gen<string> Document(bool namespaces) => Gen.Select(Gen.Bool, Element(3, namespaces, isRoot: true), (defaultNamespace, root) =>
        namespaces ? Declare(root, defaultNamespace ? " xmlns:p=\"urn:test:p\" xmlns=\"urn:test:d\"" : " xmlns:p=\"urn:test:p\"") : root);

    /// <summary>A document <c>&lt;NAME&gt;</c> holding 0 to 5 <c>&lt;row&gt;</c> elements and nothing else.</summary>
    public static Gen<string> Rows => Gen.Select(Name, RowElement.Array[0, 5], (root, rows) =>
        rows.Length == 0 ? $"<{root} />" : $"<{root}>{string.Concat(rows)}</{root}>");

    private static Gen<string> RowElement => Element(2, namespaces: false, isRoot: false, fixedName: "row");

    private static Gen<string> Element(int depth, bool namespaces, bool isRoot, string? fixedName = null)
    {
        var name = fixedName is not null ? Gen.Const(fixedName) : QualifiedName(namespaces);
        var attributes = QualifiedName(namespaces).ArrayUnique[0, 3].SelectMany(names => Text.Array[names.Length].Select(values =>
            string.Concat(names.Zip(values, (n, v) => $" {n}=\"{EscapeAttribute(v)}\""))));
        var redeclare = namespaces && !isRoot
            ? Gen.Frequency((6, Gen.Const(string.Empty)), (1, Gen.Const(" xmlns:p=\"urn:test:other\"")))
            : Gen.Const(string.Empty);
        var content = depth == 0
            ? Gen.Frequency((3, Text.Select(EscapeText)), (1, Gen.Const(string.Empty)))
            : Gen.Frequency((3, Text.Select(EscapeText)), (1, Gen.Const(string.Empty)), (4, Children(depth, namespaces)));
        return Gen.Select(name, attributes, redeclare, content, Gen.Bool, (n, a, d, c, selfClose) =>
            c.Length == 0 && selfClose ? $"<{n}{d}{a}/>" : $"<{n}{d}{a}>{c}</{n}>");
    }

    /// <summary>Groups of same-name siblings with distinct names, so no name is interleaved.</summary>
    private static Gen<string> Children(int depth, bool namespaces) =>
        QualifiedName(namespaces).ArrayUnique[1, 4].SelectMany(names => Gen.Int[1, 3].Array[names.Length].SelectMany(counts =>
        {
            var total = counts.Sum();
            return Element(depth - 1, namespaces, isRoot: false).Array[total].Select(elements =>
            {
                // Rename each generated element to its group's name, keeping its attributes and content.
                var text = new StringBuilder();
                var next = 0;
                for (var g = 0; g < names.Length; g++)
                {
                    for (var i = 0; i < counts[g]; i++)
                    {
                        text.Append(Rename(elements[next++], names[g]));
                    }
                }

                return text.ToString();
            });
        }));

    private static Gen<string> QualifiedName(bool namespaces) =>
        namespaces ? Gen.Frequency((2, Name), (1, Name.Select(n => "p:" + n))) : Name;

    private static string Rename(string element, string name)
    {
        var end = element.IndexOfAny([' ', '>', '/']);
        var oldName = element[1..end];
        var renamed = "<" + name + element[end..];
        return renamed.EndsWith("</" + oldName + ">", StringComparison.Ordinal)
            ? renamed[..^(oldName.Length + 3)] + "</" + name + ">"
            : renamed;
    }

    private static string Declare(string root, string declarations)
    {
        var end = root.IndexOfAny([' ', '>', '/']);
        return root[..end] + declarations + root[end..];
    }

    private static string EscapeText(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\r", "&#xD;", StringComparison.Ordinal);

    private static string EscapeAttribute(string text) => EscapeText(text).Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("\n", "&#xA;", StringComparison.Ordinal).Replace("\t", "&#x9;", StringComparison.Ordinal);
}
