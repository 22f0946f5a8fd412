using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;

namespace Gateway.Formats.Json;

/// <summary>
/// Writes records as JSON: a sequence becomes an array, a single record is written as itself. Compact output copies
/// each record's bytes as they are; <see cref="FormatOptions.Pretty"/> re-indents them token by token.
/// </summary>
internal sealed class JsonRecordWriter(Stream output, FormatOptions options) : IRecordWriter
{
    private const int FlushThreshold = 32 * 1024;

    private readonly Utf8JsonWriter _writer = new(output, options.Pretty ? CanonicalJson.IndentedWriterOptions : CanonicalJson.WriterOptions);
    private bool _isSequence;
    private long _records;

    public void Begin(bool isSequence)
    {
        _isSequence = isSequence;
        if (isSequence)
        {
            _writer.WriteStartArray();
        }
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        if (!_isSequence && _records > 0)
        {
            throw new InvalidOperationException("A single JSON document holds one record; begin a sequence for more.");
        }

        if (options.Pretty)
        {
            JsonTokenCopier.Copy(record, _writer, options.MaxDepth + 1);
        }
        else
        {
            _writer.WriteRawValue(record, skipInputValidation: true);
        }

        _records++;
        if (_writer.BytesPending > FlushThreshold)
        {
            _writer.Flush();
        }
    }

    public void Complete()
    {
        if (_isSequence)
        {
            _writer.WriteEndArray();
        }

        _writer.Flush();
        output.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
