using Gateway.Core.Formats.Options;

namespace Gateway.Core.Formats;

/// <summary>
/// A wire format the gateway reads and writes: its name, media types and file extensions, and factories for the
/// streaming reader (format to canonical JSON records) and writer (canonical JSON records to format).
/// </summary>
public abstract class DataFormat
{
    /// <summary>The format's name (<c>Json</c>, <c>Csv</c>, ...), compared case-insensitively.</summary>
    public abstract string Name { get; }

    /// <summary>Media types, the preferred one first (it is the <c>Content-Type</c> of encoded output).</summary>
    public abstract IReadOnlyList<string> MediaTypes { get; }

    /// <summary>File extensions with the leading dot, the preferred one first.</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The options this format reads, each described once (configuration key, flag, query name, parsing); an option
    /// several formats share (<c>MaxDepth</c>) is the same descriptor in each list.
    /// </summary>
    public virtual IReadOnlyList<FormatOptionDescriptor> Options => [];

    /// <summary>Opens a reader that decodes <paramref name="input"/> record by record into canonical JSON.</summary>
    public abstract IRecordReader CreateReader(Stream input, FormatOptions options);

    /// <summary>Opens a writer that encodes canonical JSON records into <paramref name="output"/>.</summary>
    public abstract IRecordWriter CreateWriter(Stream output, FormatOptions options);

    public override string ToString() => Name;
}
