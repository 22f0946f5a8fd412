namespace Gateway.Core.Formats;

/// <summary>Encodes canonical JSON records into a format, streaming to its output.</summary>
public interface IRecordWriter : IDisposable
{
    /// <summary>Starts the document. <paramref name="isSequence"/> says whether the records form a sequence.</summary>
    void Begin(bool isSequence);

    /// <summary>Writes one record given as canonical UTF-8 JSON.</summary>
    void Write(ReadOnlySpan<byte> record);

    /// <summary>Ends the document and flushes everything to the output.</summary>
    void Complete();
}
