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
/// <remarks>
/// Array elements are found and validated by the vectorized <see cref="JsonSyntaxCheck"/>, which is several times
/// faster than <see cref="Utf8JsonReader.TrySkip"/>. An element it cannot prove valid (an error, a surrogate escape,
/// deep nesting, the end of the buffer) is read by <see cref="Utf8JsonReader"/> as before, from a state that
/// stands for "inside the array" (<see cref="JsonArrayPosition"/>), so errors keep their wording and location.
/// </remarks>
internal sealed class JsonRecordReader : IRecordReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly StreamBuffer _buffer;
    private readonly JsonReaderOptions _readerOptions;
    private readonly JsonArrayPosition _position;
    private readonly int _elementDepth;
    private readonly JsonRecordsPointer? _pointer;
    private readonly JsonTape _tape = new();
    private JsonReaderState _state;
    private Mode _mode = Mode.Start;
    private bool _afterValue;
    private long _records;

    public JsonRecordReader(Stream input, FormatOptions options)
    {
        _buffer = new StreamBuffer(input, options.MaxDocumentChars);
        _readerOptions = CanonicalJson.ReaderOptions(options.MaxDepth);
        _state = new JsonReaderState(_readerOptions);
        _position = new JsonArrayPosition(_readerOptions);

        // An element's containers sit one level below the array, so the quick check stops one level earlier.
        _elementDepth = options.MaxDepth <= 0 ? 63 : Math.Max(1, options.MaxDepth - 1);
        _pointer = string.IsNullOrEmpty(options.Records) ? null : new JsonRecordsPointer(JsonPointer.Parse(options.Records));
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
        // The last record's bytes are about to be consumed or moved.
        _tape.Withdraw();
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
            if (_pointer is not null)
            {
                _pointer.FindArray(_buffer, _readerOptions, Consume);
                IsSequence = true;
                _mode = Mode.InArray;
            }
        }

        while (_mode != Mode.Done)
        {
            if (_mode == Mode.Trailing)
            {
                if (_pointer is null)
                {
                    CheckTrailing();
                }
                else
                {
                    _mode = Mode.Done;
                    _pointer.ReadToEnd(_buffer, _readerOptions, _position.Line, _position.Column);
                }

                return false;
            }

            if (_mode == Mode.InArray)
            {
                if (TryReadElement(out record))
                {
                    return true;
                }

                continue;
            }

            var reader = new Utf8JsonReader(_buffer.Data, _buffer.EndOfStream, _state);
            if (!reader.Read())
            {
                NeedMore(reader.IsFinalBlock, _mode == Mode.InArray ? "the array is not closed" : "the document is empty");
                continue;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                IsSequence = true;
                Consume((int)reader.BytesConsumed);
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
            _mode = Mode.Trailing;
            _records++;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads the separator before the next element and the element; false when there is none (the array ended, or
    /// more data was read in and the caller should call again).
    /// </summary>
    private bool TryReadElement(out ReadOnlyMemory<byte> record)
    {
        record = default;
        var data = _buffer.Data;
        var start = data.IndexOfAnyExcept(" \t\r\n"u8);
        if (start >= 0 && _afterValue && data[start] == ',')
        {
            var next = data[(start + 1)..].IndexOfAnyExcept(" \t\r\n"u8);
            start = next < 0 ? -1 : start + 1 + next;
        }
        else if (start >= 0 && data[start] == ']')
        {
            Consume(start + 1);
            _mode = Mode.Trailing;
            return false;
        }
        else if (_afterValue)
        {
            start = -1;
        }

        var utf8Valid = false;
        var length = start < 0 ? -1 : JsonSyntaxCheck.ValueEnd(data[start..], _elementDepth, _tape, out utf8Valid);

        // Only a delimiter may follow (the reader words "1x" as a bad number, not as a bad separator after "1").
        if (length < 0 || data[start + length] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)']'))
        {
            return TryReadElementWithReader(out record);
        }

        var accepted = Accept(start, start + length, out record, utf8Checked: utf8Valid);

        // The element was proven valid token by token: a writer given it walks the tape instead of reading it again.
        _tape.Offer(record);
        return accepted;
    }

    /// <summary>The separator and element read by <see cref="Utf8JsonReader"/>, which decides what the quick check could not.</summary>
    private bool TryReadElementWithReader(out ReadOnlyMemory<byte> record)
    {
        record = default;
        var reader = new Utf8JsonReader(_buffer.Data, _buffer.EndOfStream, _position.State(_afterValue));
        try
        {
            if (!reader.Read())
            {
                NeedMore(reader.IsFinalBlock, "the array is not closed");
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Consume((int)reader.BytesConsumed);
                _mode = Mode.Trailing;
                return false;
            }

            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                NeedMore(reader.IsFinalBlock, "the value is not complete");
                return false;
            }

            return Accept(start, (int)reader.BytesConsumed, out record, utf8Checked: false);
        }
        catch (JsonException ex)
        {
            _mode = Mode.Done;
            throw _position.Error(ex, _afterValue, $"record {_records + 1}, ");
        }
    }

    /// <summary>Takes the element at <paramref name="start"/>; <paramref name="utf8Checked"/> when the quick check already proved its UTF-8.</summary>
    private bool Accept(int start, int end, out ReadOnlyMemory<byte> record, bool utf8Checked)
    {
        record = _buffer.Memory[start..end];
        if (!utf8Checked && !Utf8Guard.IsValid(record.Span))
        {
            var recordOffset = _buffer.Offset + start;
            var recordNumber = _records + 1;
            throw Utf8Guard.Error(record.Span, i => $"record {recordNumber}, byte {recordOffset + i}");
        }

        Consume(end);
        _afterValue = true;
        _records++;
        return true;
    }

    /// <summary>Consumes bytes inside the array, keeping count of lines for error locations.</summary>
    private void Consume(int count)
    {
        _position.Advance(_buffer.Data[..count]);
        _buffer.Consume(count);
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

    public void Dispose()
    {
        _tape.Withdraw();
        _buffer.Dispose();
    }
}
