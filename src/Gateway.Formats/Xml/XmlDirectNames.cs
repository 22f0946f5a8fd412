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

    // Records of a stream mostly repeat the same keys in the same order: the name seen at the same ordinal in the
    // previous record is checked first, a byte comparison instead of hashing the key.
    private readonly Dictionary<byte[], XmlDirectName>.AlternateLookup<ReadOnlySpan<byte>> _lookup =
        new Dictionary<byte[], XmlDirectName>(Utf8KeyComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

    private readonly (byte[]? Key, XmlDirectName Name)[] _recent = new (byte[]?, XmlDirectName)[64];

    /// <summary>
    /// The kind and XML name of the unescaped UTF-8 property name <paramref name="name"/>, the
    /// <paramref name="ordinal"/>-th property name of its record.
    /// </summary>
    public XmlDirectName Get(ReadOnlySpan<byte> name, int ordinal)
    {
        if (ordinal < _recent.Length && _recent[ordinal].Key is { } key && name.SequenceEqual(key))
        {
            return _recent[ordinal].Name;
        }

        if (!_lookup.TryGetValue(name, out var stored, out var known))
        {
            known = Classify(Encoding.UTF8.GetString(name));
            if (_lookup.Dictionary.Count >= MaxCachedNames)
            {
                return known;
            }

            stored = name.ToArray();
            _lookup.Dictionary[stored] = known;
        }

        if (ordinal < _recent.Length)
        {
            _recent[ordinal] = (stored, known);
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
