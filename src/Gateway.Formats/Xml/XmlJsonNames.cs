using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// Turns XML element and attribute names into JSON property names, decoding <c>_xHHHH_</c> escapes, and caches
/// the result per name (the XML reader atomizes names, so a document's few distinct names are converted once).
/// </summary>
internal sealed class XmlJsonNames(JavaScriptEncoder encoder)
{
    // Documents with unbounded distinct names (generated keys) must not grow the cache without limit.
    private const int MaxCachedNames = 4096;

    private readonly Dictionary<string, XmlJsonName> _elements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XmlJsonName> _attributes = new(StringComparer.Ordinal);

    /// <summary>The JSON name of an element. A name that would decode to <c>@...</c> or <c>#text</c> stays escaped.</summary>
    public XmlJsonName Element(string xmlName)
    {
        if (_elements.TryGetValue(xmlName, out var name))
        {
            return name;
        }

        var decoded = XmlConvert.DecodeName(xmlName);
        if (!ReferenceEquals(decoded, xmlName) && (decoded.StartsWith('@') || decoded == "#text"))
        {
            decoded = xmlName;
        }

        name = new XmlJsonName(decoded, JsonEncodedText.Encode(decoded, encoder), false);
        Remember(_elements, xmlName, name);
        return name;
    }

    /// <summary>The JSON name of an attribute: <c>@</c> and its decoded name. Namespace declarations keep their name.</summary>
    public XmlJsonName Attribute(string xmlName)
    {
        if (_attributes.TryGetValue(xmlName, out var name))
        {
            return name;
        }

        var isDeclaration = IsDeclarationName(xmlName);
        var decoded = isDeclaration ? xmlName : XmlConvert.DecodeName(xmlName);
        if (!isDeclaration && IsDeclarationName(decoded))
        {
            // An escaped name must not turn into a namespace declaration on the way back.
            decoded = xmlName;
        }

        name = new XmlJsonName(decoded, JsonEncodedText.Encode("@" + decoded, encoder), isDeclaration);
        Remember(_attributes, xmlName, name);
        return name;
    }

    private static bool IsDeclarationName(string name) => name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal);

    private static void Remember(Dictionary<string, XmlJsonName> cache, string key, XmlJsonName name)
    {
        if (cache.Count < MaxCachedNames)
        {
            cache[key] = name;
        }
    }
}
