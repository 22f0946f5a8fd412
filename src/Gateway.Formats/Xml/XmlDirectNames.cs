using System.Text;
using System.Xml;
using Gateway.Formats.Csv;

namespace Gateway.Formats.Xml;

/// <summary>
/// What a JSON property name is to <see cref="XmlDirectWriter"/>, cached by its UTF-8 bytes: an element or an
/// attribute with its escaped XML name (the <see cref="XmlNameParts.Whole"/> name <c>XmlWriter</c> is given), the
/// <c>#text</c> key, or a name only the <c>XmlWriter</c> path handles: namespace declarations, the <c>xml</c> prefix
/// (which is always bound, so the name is not escaped) and empty names (errors).
/// </summary>
internal sealed class XmlDirectNames
{
    // Records with unbounded distinct keys must not grow the cache without limit.
    private const int MaxCachedNames = 4096;

    private readonly Dictionary<byte[], XmlDirectName> _names = new(Utf8KeyComparer.Instance);

    /// <summary>The kind and XML name of the unescaped UTF-8 property name <paramref name="name"/>.</summary>
    public XmlDirectName Get(ReadOnlySpan<byte> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        known = Classify(Encoding.UTF8.GetString(name));
        if (_names.Count < MaxCachedNames)
        {
            lookup[name] = known;
        }

        return known;
    }

    /// <summary>The XML name bytes of an element named <paramref name="name"/> (root and item elements), or null when only XmlWriter may write it.</summary>
    public static byte[]? ElementName(string name) => Classify(name) is { Kind: XmlDirectNameKind.Element } element ? element.Xml : null;

    private static XmlDirectName Classify(string name)
    {
        if (name == "#text")
        {
            return new XmlDirectName(XmlDirectNameKind.Text, []);
        }

        var isAttribute = name.StartsWith('@');
        var xmlName = isAttribute ? name[1..] : name;
        if (xmlName.Length == 0
            || xmlName.StartsWith("xml:", StringComparison.Ordinal)
            || (isAttribute && (xmlName == "xmlns" || xmlName.StartsWith("xmlns:", StringComparison.Ordinal))))
        {
            return new XmlDirectName(XmlDirectNameKind.Unsupported, []);
        }

        var whole = XmlConvert.EncodeLocalName(xmlName)!;
        return new XmlDirectName(isAttribute ? XmlDirectNameKind.Attribute : XmlDirectNameKind.Element, Encoding.UTF8.GetBytes(whole));
    }
}
