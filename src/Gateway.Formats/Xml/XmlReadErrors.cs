using System.Text.RegularExpressions;
using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Formats.Xml;

/// <summary>Turns everything that can go wrong while reading XML into a <see cref="FormatReadException"/> with a location.</summary>
internal static partial class XmlReadErrors
{
    /// <summary>"line L, column C" of the reader's position (line 1, column 1 when it has none yet).</summary>
    public static string Location(XmlReader? reader) => reader is IXmlLineInfo info && info.HasLineInfo() && info.LineNumber > 0
        ? Location(info.LineNumber, info.LinePosition)
        : Location(1, 1);

    public static string Location(int line, int column) => $"line {line}, column {Math.Max(column, 1)}";

    /// <summary>Explains an <see cref="XmlException"/> in the reader's terms.</summary>
    public static FormatReadException FromXmlException(XmlException exception, XmlReader? reader, long maxDocumentChars)
    {
        var location = exception.LineNumber > 0 ? Location(exception.LineNumber, exception.LinePosition) : Location(reader);
        var raw = PositionSuffix().Replace(exception.Message, string.Empty);
        string message;
        if (UndeclaredEntity().Match(raw) is { Success: true } entity)
        {
            message = $"The document uses the entity '&{entity.Groups[1].Value};'. Entities other than &lt; &gt; &amp; &quot; &apos; and character references are not expanded, " +
                "also when a DOCTYPE declares them, so that they cannot grow the document or read files and URLs: replace the reference with its text.";
        }
        else if (raw.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            message = $"The XML document is larger than MaxDocumentChars ({maxDocumentChars} characters); raise MaxDocumentChars, or set RecordElement to stream it record by record.";
        }
        else if (raw.StartsWith("Root element is missing", StringComparison.Ordinal))
        {
            message = "The XML document has no root element: it is empty or holds only whitespace, comments or processing instructions.";
        }
        else
        {
            message = $"Invalid XML: {raw}";
        }

        return new FormatReadException(message, location, exception);
    }

    /// <summary>A record larger than the per-record limit.</summary>
    public static FormatReadException RecordTooLarge(XmlReader? reader, long maxRecordChars) => new(
        $"An XML record (or a node outside the records) is larger than MaxDocumentChars ({maxRecordChars} characters); raise MaxDocumentChars if the input is trusted.",
        Location(reader));

    /// <summary>A failure of the XML parser other than <see cref="XmlException"/> on hostile input.</summary>
    public static FormatReadException Unreadable(Exception exception, XmlReader? reader) =>
        new($"Unreadable XML: {exception.Message}", Location(reader), exception);

    [GeneratedRegex(@"^Reference to undeclared entity '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex UndeclaredEntity();

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PositionSuffix();
}
