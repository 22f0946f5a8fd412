using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Streams;

namespace Gateway.Formats.Json;

/// <summary>
/// Streams a JSON document: the elements of a top-level array are records (read one at a time, so an array larger
/// than memory streams through); any other value is one record. Records are the input's own bytes, validated but
/// not re-serialized.
/// </summary>
internal sealed class JsonRecordReader : IRecordReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly StreamBuffer _buffer;
    private readonly JsonReaderOptions _readerOptions;
    private JsonReaderState _state;
    private Mode _mode = Mode.Start;
    private long _records;

    public JsonRecordReader(Stream input, FormatOptions options)
    {
        _buffer = new StreamBuffer(input, options.MaxDocumentChars);
        _readerOptions = CanonicalJson.ReaderOptions(options.MaxDepth);
        _state = new JsonReaderState(_readerOptions);
    }

    private enum Mode
    {
        Start,
        InArray,
        Trailing,
        Done,
    }

    public bool IsSequence { get; private set; }

    public bool TryRead(out ReadOnlyMemory<byte> record)
    {
        try
        {
            return ReadCore(out record);
        }
        catch (JsonException ex)
        {
            _mode = Mode.Done;
            throw JsonErrors.From(ex, prefix: IsSequence ? $"record {_records + 1}, " : null);
        }
        catch (RecordTooLargeException ex)
        {
            _mode = Mode.Done;
            throw new FormatReadException(ex.Message, IsSequence ? $"record {_records + 1}" : null, ex);
        }
    }

    private bool ReadCore(out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (_mode == Mode.Start)
        {
            Start();
        }

        while (_mode != Mode.Done)
        {
            if (_mode == Mode.Trailing)
            {
                CheckTrailing();
                return false;
            }

            var reader = new Utf8JsonReader(_buffer.Data, _buffer.EndOfStream, _state);
            if (!reader.Read())
            {
                NeedMore(reader.IsFinalBlock, _mode == Mode.InArray ? "the array is not closed" : "the document is empty");
                continue;
            }

            if (_mode == Mode.InArray && reader.TokenType == JsonTokenType.EndArray)
            {
                _buffer.Consume((int)reader.BytesConsumed);
                _state = reader.CurrentState;
                _mode = Mode.Trailing;
                continue;
            }

            if (_mode == Mode.Start && reader.TokenType == JsonTokenType.StartArray)
            {
                IsSequence = true;
                _buffer.Consume((int)reader.BytesConsumed);
                _state = reader.CurrentState;
                _mode = Mode.InArray;
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                NeedMore(reader.IsFinalBlock, "the value is not complete");
                continue;
            }

            var end = (int)reader.BytesConsumed;
            record = _buffer.Memory[start..end];
            if (!Utf8Guard.IsValid(record.Span))
            {
                var recordOffset = _buffer.Offset + start;
                throw Utf8Guard.Error(record.Span, i => $"{(IsSequence ? $"record {_records + 1}, " : string.Empty)}byte {recordOffset + i}");
            }

            _buffer.Consume(end);
            _state = reader.CurrentState;
            if (_mode == Mode.Start)
            {
                _mode = Mode.Trailing;
            }

            _records++;
            return true;
        }

        return false;
    }

    private void Start()
    {
        _buffer.Fill();
        while (_buffer.Data.Length < Bom.Length && _buffer.Fill())
        {
        }

        if (_buffer.Data.StartsWith(Bom))
        {
            _buffer.Consume(Bom.Length);
        }

        _mode = Mode.Start;
        if (_buffer.Data.IsEmpty && _buffer.EndOfStream)
        {
            throw new FormatReadException("Invalid JSON: the document is empty", "line 1, column 1");
        }
    }

    private void NeedMore(bool wasFinalBlock, string whatIsMissing)
    {
        // Ask for a share of what is held, so rescanning a long partial record stays linear overall.
        if (!_buffer.Fill(Math.Max(4096, _buffer.Data.Length / 2)) && wasFinalBlock)
        {
            _mode = Mode.Done;
            throw new FormatReadException($"Invalid JSON: unexpected end of data, {whatIsMissing}", $"byte {_buffer.Offset + _buffer.Data.Length}");
        }
    }

    private void CheckTrailing()
    {
        while (true)
        {
            var data = _buffer.Data;
            var index = data.IndexOfAnyExcept(" \t\r\n"u8);
            if (index >= 0)
            {
                _mode = Mode.Done;
                throw new FormatReadException(
                    "Invalid JSON: unexpected data after the end of the document",
                    $"byte {_buffer.Offset + index}");
            }

            _buffer.Consume(data.Length);
            if (!_buffer.Fill())
            {
                _mode = Mode.Done;
                return;
            }
        }
    }

    public void Dispose() => _buffer.Dispose();
}
