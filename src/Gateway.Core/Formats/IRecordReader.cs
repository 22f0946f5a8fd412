namespace Gateway.Core.Formats;

/// <summary>
/// Decodes a document into canonical JSON one record at a time, so a document larger than memory streams through.
/// A record is a CSV row, an NDJSON line, an element of a top-level JSON array, an XML record element; a document
/// that is none of these is one record.
/// </summary>
public interface IRecordReader : IDisposable
{
    /// <summary>
    /// True when the document is a sequence of records (CSV, NDJSON, a top-level JSON array, XML read with a record
    /// element) rather than a single value. Valid after the first call to <see cref="TryRead"/>.
    /// </summary>
    bool IsSequence { get; }

    /// <summary>
    /// Reads the next record as canonical UTF-8 JSON. The memory stays valid until the next call.
    /// Returns false at the end of the document. Throws <see cref="FormatReadException"/> on malformed input.
    /// </summary>
    bool TryRead(out ReadOnlyMemory<byte> record);
}
