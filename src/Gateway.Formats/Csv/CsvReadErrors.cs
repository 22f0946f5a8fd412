using System.Text;
using CsvHelper;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>Turns what the CSV parser reports into <see cref="FormatReadException"/>s in the gateway's terms.</summary>
internal static class CsvReadErrors
{
    /// <summary>A quote that is never closed, or text after a closing quote.</summary>
    public static FormatReadException FromMalformed(CsvMalformedRecord malformed, bool hasHeader)
    {
        var what = malformed.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote =>
                "a quoted field is never closed, so it would run to the end of the input. Close the quote, or write a quote inside a quoted field as two quotes (\"\")",
            CsvMalformedReason.TextAfterClosingQuote =>
                "text follows the closing quote of a quoted field. Inside a quoted field, write a quote as two quotes (\"\")",
            _ => $"the field quoting is malformed ({malformed.Reason})",
        };
        return new FormatReadException($"{Subject(malformed.RecordNumber, hasHeader)}: {what}.", $"line {malformed.LineNumber}");
    }

    /// <summary>
    /// An error the parser threw itself: a record longer than MaxRecordBytes, a control character that a long
    /// delimiter stands for, or input it cannot decode. <paramref name="nextRecord"/> is the data record being read.
    /// </summary>
    public static FormatReadException FromParser(CsvFormatException e, FormatOptions options, long nextRecord)
    {
        var location = e.LineNumber > 0 ? $"line {e.LineNumber}"
            : e.ByteOffset > 0 ? $"byte offset {e.ByteOffset}"
            : $"record {nextRecord}";
        if (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal))
        {
            return new FormatReadException(
                $"{Subject(e.RecordNumber, options.HasHeader)} is longer than MaxRecordBytes ({options.MaxRecordBytes} bytes). " +
                "Is a quote never closed? Otherwise raise MaxRecordBytes.",
                location,
                e);
        }

        if (e.Message.Contains("CsvSeparatorStream", StringComparison.Ordinal))
        {
            // The parser reads a long delimiter as one control character, which the data then must not contain.
            return new FormatReadException(
                "The input contains a U+001E or U+001F control character outside quoted fields, which cannot be read with a delimiter " +
                "of several characters or a non-ASCII one. Quote such fields, or use a one-character ASCII delimiter.",
                location,
                e);
        }

        return new FormatReadException($"Malformed CSV: {e.Message}", location, e);
    }

    /// <summary>A cell's text for a message: its first 40 characters.</summary>
    public static string Shorten(ReadOnlySpan<byte> cell)
    {
        const int Shown = 40;
        var text = Encoding.UTF8.GetString(cell.Length > Shown * 4 ? cell[..(Shown * 4)] : cell);
        return text.Length > Shown ? string.Concat(text.AsSpan(0, Shown), "...") : text;
    }

    /// <summary>"Record N" for data rows (the header is not counted), "The header" for the header.</summary>
    private static string Subject(long parserRecordNumber, bool hasHeader)
    {
        if (parserRecordNumber <= 0)
        {
            return "A record";
        }

        if (!hasHeader)
        {
            return $"Record {parserRecordNumber}";
        }

        return parserRecordNumber == 1 ? "The header" : $"Record {parserRecordNumber - 1}";
    }
}
