using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Streams;

namespace Gateway.Formats.Json;

/// <summary>
/// Writes records as JSON: a sequence becomes an array, a single record is written as itself. Compact output copies
/// each record's bytes as they are (a large record goes straight to the stream, never into a growing buffer);
/// <see cref="FormatOptions.Pretty"/> re-indents them token by token.
/// </summary>
internal sealed class JsonRecordWriter(Stream output, FormatOptions options) : IRecordWriter
{
    private const int FlushThreshold = 32 * 1024;

    private readonly PendingOutput _pending = new(output);
    private readonly Utf8JsonWriter? _indented = options.Pretty ? new(output, CanonicalJson.IndentedWriterOptions) : null;
    private bool _isSequence;
    private long _records;

    public void Begin(bool isSequence)
    {
        _isSequence = isSequence;
        if (!isSequence)
        {
            return;
        }

        if (_indented is null)
        {
            _pending.Write("["u8);
        }
        else
        {
            _indented.WriteStartArray();
        }
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        if (!_isSequence && _records > 0)
        {
            throw new InvalidOperationException("A single JSON document holds one record; begin a sequence for more.");
        }

        if (_indented is null)
        {
            if (_records > 0)
            {
                _pending.Write(","u8);
            }

            _pending.Write(record);
        }
        else
        {
            JsonTokenCopier.Copy(record, _indented, options.MaxDepth + 1);
            if (_indented.BytesPending > FlushThreshold)
            {
                _indented.Flush();
            }
        }

        _records++;
    }

    public void Complete()
    {
        if (_indented is null)
        {
            if (_isSequence)
            {
                _pending.Write("]"u8);
            }

            _pending.Flush();
        }
        else
        {
            if (_isSequence)
            {
                _indented.WriteEndArray();
            }

            _indented.Flush();
        }

        output.Flush();
    }

    public void Dispose()
    {
        _indented?.Dispose();
        _pending.Dispose();
    }
}
