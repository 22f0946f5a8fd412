namespace Gateway.Core.Formats;

/// <summary>
/// A record writer that can write another document to the same output after <see cref="IRecordWriter.Complete"/>.
/// A sink encodes every message as its own document; reusing one writer per sink keeps what the writer built for the
/// first (buffers, searchers, a CSV header's column names) instead of building it again for each message.
/// </summary>
public interface IReusableRecordWriter : IRecordWriter
{
    /// <summary>
    /// Forgets the document written so far (call it after <see cref="IRecordWriter.Complete"/>, or after a failed write),
    /// so the next <see cref="IRecordWriter.Begin"/> starts a new one exactly as a new writer would.
    /// </summary>
    void Reset();
}
