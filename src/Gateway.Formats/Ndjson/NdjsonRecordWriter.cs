using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Streams;

namespace Gateway.Formats.Ndjson;

/// <summary>Writes each record on its own line, compact. A record with line breaks in its whitespace is compacted.</summary>
internal sealed class NdjsonRecordWriter(Stream output, FormatOptions options) : IRecordWriter
{
    private readonly PendingOutput _pending = new(output);
    private Utf8JsonWriter? _compactor;

    public void Begin(bool isSequence)
    {
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        if (record.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            _compactor ??= new Utf8JsonWriter(_pending.Buffer, CanonicalJson.WriterOptions);
            _compactor.Reset(_pending.Buffer);
            JsonTokenCopier.Copy(record, _compactor, options.MaxDepth + 1);
            _compactor.Flush();
        }
        else
        {
            _pending.Write(record);
        }

        _pending.Write("\n"u8);
    }

    public void Complete()
    {
        _pending.Flush();
        output.Flush();
    }

    public void Dispose() => _compactor?.Dispose();
}
