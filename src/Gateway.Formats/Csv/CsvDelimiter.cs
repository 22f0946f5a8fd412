using System.Text;
using CsvHelper;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// The <c>Delimiter</c> option: any non-empty string without a quote or a line break. A single ASCII character is
/// the parser's separator; anything longer (<c>||</c>) or non-ASCII (<c>§</c>) is put through a
/// <see cref="CsvSeparatorStream"/>, which replaces it with a control character the parser splits on.
/// </summary>
internal static class CsvDelimiter
{
    /// <summary>The separator streams can use: it must not be part of the delimiter, so there are two candidates.</summary>
    private const char Replacement = CsvSeparatorStream.DefaultReplacement;
    private const char OtherReplacement = '\u001E';

    /// <summary>The delimiter's UTF-8 bytes; throws when it cannot delimit CSV fields.</summary>
    public static byte[] Validate(string? delimiter)
    {
        if (string.IsNullOrEmpty(delimiter))
        {
            throw new FormatReadException("The CSV Delimiter option must not be empty.", "option Delimiter");
        }

        if (delimiter.AsSpan().IndexOfAny('"', '\r', '\n') >= 0)
        {
            throw new FormatReadException(
                "The CSV Delimiter option must not contain a quote or a line break, which CSV uses for quoting and records.",
                "option Delimiter");
        }

        var bytes = Encoding.UTF8.GetBytes(delimiter);
        if (bytes.Length > 16)
        {
            throw new FormatReadException("The CSV Delimiter option may be at most 16 bytes long.", "option Delimiter");
        }

        return bytes;
    }

    /// <summary>The stream the parser reads and the separator it splits on.</summary>
    public static (Stream Source, char Separator) Open(Stream input, string delimiter)
    {
        // The usual one-character delimiters are valid without encoding them (which costs an array per document).
        if (delimiter is [var single] && char.IsAscii(single) && single is not ('"' or '\r' or '\n'))
        {
            return (input, single);
        }

        Validate(delimiter);
        if (delimiter.Length == 1 && char.IsAscii(delimiter[0]))
        {
            return (input, delimiter[0]);
        }

        var replacement = delimiter.Contains(Replacement, StringComparison.Ordinal) ? OtherReplacement : Replacement;
        if (delimiter.Contains(replacement, StringComparison.Ordinal))
        {
            throw new FormatReadException("The CSV Delimiter option may not contain both U+001E and U+001F.", "option Delimiter");
        }

        return (new CsvSeparatorStream(input, delimiter, replacement, leaveOpen: true), replacement);
    }
}
