using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>The reader's limits: element nesting (<c>MaxDepth</c>) and, per record, <c>MaxDocumentChars</c>.</summary>
/// <param name="maxDepth">The deepest element nesting accepted (the root element is at depth 1).</param>
/// <param name="maxRecordChars">The most characters of names, attribute values and text in a record; 0 for no per-record limit.</param>
internal sealed class XmlReadLimits(int maxDepth, long maxRecordChars)
{
    public int MaxDepth => maxDepth;

    public long MaxRecordChars => maxRecordChars;

    /// <summary>Throws when the element the reader is on is nested deeper than <see cref="MaxDepth"/>.</summary>
    public void CheckDepth(XmlReader reader)
    {
        if (reader.Depth >= maxDepth)
        {
            throw new FormatReadException(
                $"XML elements are nested deeper than MaxDepth ({maxDepth}); element '{reader.Name}' is at depth {reader.Depth + 1}.",
                XmlReadErrors.Location(reader));
        }
    }

    /// <summary>Throws when a record has grown past <see cref="MaxRecordChars"/>.</summary>
    public void CheckRecordChars(XmlReader reader, long chars)
    {
        if (maxRecordChars > 0 && chars > maxRecordChars)
        {
            throw XmlReadErrors.RecordTooLarge(reader, maxRecordChars);
        }
    }
}
