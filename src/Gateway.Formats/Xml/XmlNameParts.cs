using System.Xml;

namespace Gateway.Formats.Xml;

/// <summary>
/// A JSON property name (<see cref="Name"/>) prepared for XML. <see cref="Whole"/> is the whole name escaped with
/// <c>XmlConvert.EncodeLocalName</c> (a colon becomes <c>_x003A_</c>); when the name looks like <c>prefix:local</c>,
/// <see cref="Prefix"/> and <see cref="Local"/> are its parts, used only if the prefix is declared in scope.
/// </summary>
internal sealed record XmlNameParts(string Name, string? Prefix, string Local, string Whole)
{
    /// <summary>Splits and escapes <paramref name="name"/>; <see cref="Whole"/> is empty for an empty name.</summary>
    public static XmlNameParts From(string name)
    {
        var whole = XmlConvert.EncodeLocalName(name) ?? string.Empty;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < name.Length - 1)
        {
            var prefix = name[..colon];
            if (XmlConvert.EncodeLocalName(prefix) == prefix)
            {
                return new XmlNameParts(name, prefix, XmlConvert.EncodeLocalName(name[(colon + 1)..])!, whole);
            }
        }

        return new XmlNameParts(name, null, whole, whole);
    }
}
