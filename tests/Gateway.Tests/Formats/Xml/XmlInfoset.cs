using System.Text;
using System.Xml.Linq;

namespace Gateway.Tests.Formats.Xml;

/// <summary>
/// Compares two XML documents by infoset, the way the Gateway XML convention promises to preserve it: element and
/// attribute expanded names, attribute values, namespace declarations (as a set per element), child elements in
/// order, and text (whitespace-only text between child elements is not data).
/// </summary>
internal static class XmlInfoset
{
    public static void AssertEquivalent(string expected, string actual)
    {
        var e = XDocument.Parse(expected, LoadOptions.PreserveWhitespace).Root!;
        var a = XDocument.Parse(actual, LoadOptions.PreserveWhitespace).Root!;
        var difference = FindDifference(e, a, "/" + e.Name.LocalName);
        Assert.True(difference is null, $"{difference}\nexpected: {expected}\nactual:   {actual}");
    }

    private static string? FindDifference(XElement expected, XElement actual, string path)
    {
        if (expected.Name != actual.Name)
        {
            return $"{path}: element {actual.Name}, expected {expected.Name}";
        }

        var expectedDeclarations = Declarations(expected);
        var actualDeclarations = Declarations(actual);
        if (!expectedDeclarations.SetEquals(actualDeclarations))
        {
            return $"{path}: declarations [{string.Join(" ", actualDeclarations)}], expected [{string.Join(" ", expectedDeclarations)}]";
        }

        var expectedAttributes = Attributes(expected);
        var actualAttributes = Attributes(actual);
        if (!expectedAttributes.SetEquals(actualAttributes))
        {
            return $"{path}: attributes [{string.Join(" ", actualAttributes)}], expected [{string.Join(" ", expectedAttributes)}]";
        }

        if (Text(expected) != Text(actual))
        {
            return $"{path}: text \"{Text(actual)}\", expected \"{Text(expected)}\"";
        }

        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        if (expectedChildren.Count != actualChildren.Count)
        {
            return $"{path}: {actualChildren.Count} child elements, expected {expectedChildren.Count}";
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            var inner = FindDifference(expectedChildren[i], actualChildren[i], $"{path}/{expectedChildren[i].Name.LocalName}[{i}]");
            if (inner is not null)
            {
                return inner;
            }
        }

        return null;
    }

    private static HashSet<string> Declarations(XElement element) =>
        element.Attributes().Where(a => a.IsNamespaceDeclaration).Select(a => $"{a.Name.LocalName}={a.Value}").ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Attributes(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}").ToHashSet(StringComparer.Ordinal);

    private static string Text(XElement element)
    {
        var hasElements = element.HasElements;
        var text = new StringBuilder();
        foreach (var node in element.Nodes().OfType<XText>())
        {
            if (!hasElements || node.Value.Any(c => c is not (' ' or '\t' or '\r' or '\n')))
            {
                text.Append(node.Value);
            }
        }

        return text.ToString();
    }
}
