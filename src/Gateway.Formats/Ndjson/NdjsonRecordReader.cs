using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Json;
using Gateway.Formats.Streams;

namespace Gateway.Formats.Ndjson;

/// <summary>
/// Reads NDJSON: one JSON value per line (LF or CRLF), blank lines skipped. A line that is not exactly one JSON
/// value is an error naming its line number.
/// </summary>
internal sealed class NdjsonRecordReader(Stream input, FormatOptions options) : IRecordReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly StreamBuffer _buffer = new(input, options.MaxDocumentChars);
    private readonly JsonReaderOptions _readerOptions = CanonicalJson.ReaderOptions(options.MaxDepth);
    private readonly JsonTape _tape = new();
    private long _line;
    private bool _started;

    public bool IsSequence => true;

    public bool TryRead(out ReadOnlyMemory<byte> record)
    {
        // The last record's bytes are about to be consumed or moved.
        _tape.Withdraw();
        if (!_started)
        {
            _started = true;
            while (_buffer.Data.Length < Bom.Length && Fill())
            {
            }

            if (_buffer.Data.StartsWith(Bom))
            {
                _buffer.Consume(Bom.Length);
            }
        }

        while (true)
        {
            var newline = _buffer.Data.IndexOf((byte)'\n');
            if (newline < 0 && !_buffer.EndOfStream && Fill(_buffer.Data.Length / 2))
            {
                continue;
            }

            if (newline < 0 && _buffer.Data.IsEmpty)
            {
                record = default;
                return false;
            }

            var length = newline < 0 ? _buffer.Data.Length : newline;
            var line = _buffer.Memory[..length];
            _buffer.Consume(newline < 0 ? length : length + 1);
            _line++;
            var trimmed = Trim(line);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            // Most lines pass the quick check, which also checks their UTF-8, and a writer given the record walks its
            // tape instead of reading it again; the reader decides (and words the error) for the rest. Invalid UTF-8
            // is reported first, whatever else is wrong with the line.
            var proven = JsonSyntaxCheck.IsValid(trimmed.Span, options.MaxDepth, _tape, out var utf8Valid);
            if (!(proven && utf8Valid) && !Utf8Guard.IsValid(trimmed.Span))
            {
                var lineNumber = _line;
                throw Utf8Guard.Error(trimmed.Span, i => $"line {lineNumber}, byte {i + 1}");
            }

            if (proven)
            {
                _tape.Offer(trimmed);
            }
            else
            {
                Validate(trimmed.Span);
            }

            record = trimmed;
            return true;
        }
    }

    private bool Fill(int minBytes = 1)
    {
        try
        {
            return _buffer.Fill(minBytes);
        }
        catch (RecordTooLargeException ex)
        {
            throw new FormatReadException(ex.Message, $"line {_line + 1}", ex);
        }
    }

    private void Validate(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, _readerOptions);
        try
        {
            reader.Read();
            reader.Skip();
            if (reader.Read())
            {
                throw new FormatReadException(
                    "Invalid NDJSON: more than one JSON value on the line",
                    $"line {_line}, column {reader.TokenStartIndex + 1}");
            }
        }
        catch (JsonException ex)
        {
            throw JsonErrors.From(ex, lineOffset: _line - 1);
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var start = span.IndexOfAnyExcept(" \t\r"u8);
        if (start < 0)
        {
            return default;
        }

        var end = span.LastIndexOfAnyExcept(" \t\r"u8);
        return line[start..(end + 1)];
    }

    public void Dispose()
    {
        _tape.Withdraw();
        _buffer.Dispose();
    }
}
