using System.Buffers;
using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;

namespace Gateway.Formats.Ndjson;

/// <summary>Writes each record on its own line, compact. A record with line breaks in its whitespace is compacted.</summary>
internal sealed class NdjsonRecordWriter(Stream output, FormatOptions options) : IRecordWriter
{
    private const int FlushThreshold = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _pending = new(FlushThreshold * 2);
    private Utf8JsonWriter? _compactor;

    public void Begin(bool isSequence)
    {
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        if (record.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            _compactor ??= new Utf8JsonWriter(_pending, CanonicalJson.WriterOptions);
            _compactor.Reset(_pending);
            JsonTokenCopier.Copy(record, _compactor, options.MaxDepth + 1);
            _compactor.Flush();
        }
        else
        {
            _pending.Write(record);
        }

        _pending.Write("\n"u8);
        if (_pending.WrittenCount > FlushThreshold)
        {
            FlushPending();
        }
    }

    public void Complete()
    {
        FlushPending();
        output.Flush();
    }

    private void FlushPending()
    {
        output.Write(_pending.WrittenSpan);
        _pending.ResetWrittenCount();
    }

    public void Dispose() => _compactor?.Dispose();
}
