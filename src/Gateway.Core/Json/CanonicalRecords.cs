using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Core.Json;

/// <summary>
/// The records of a canonical JSON body held in memory, without a stream or a buffer: the elements of a top-level
/// array, or the body itself when it is any other value (the same rule as the JSON format's reader). The canonical
/// form was produced and validated by the gateway, so this only finds where each record starts and ends.
/// </summary>
public ref struct CanonicalRecords
{
    private readonly ReadOnlySpan<byte> _body;
    private Utf8JsonReader _reader;
    private bool _done;

    public CanonicalRecords(ReadOnlySpan<byte> body, int maxDepth)
    {
        _body = body;
        _reader = new Utf8JsonReader(body, CanonicalJson.ReaderOptions(maxDepth + 1));
        try
        {
            if (!_reader.Read())
            {
                throw new FormatReadException("The message is empty: canonical JSON holds one value.", "record 1");
            }
        }
        catch (JsonException ex)
        {
            throw new FormatReadException($"The message is not valid JSON: {ex.Message}", "record 1", ex);
        }

        IsSequence = _reader.TokenType == JsonTokenType.StartArray;
    }

    /// <summary>True when the body is an array whose elements are the records.</summary>
    public bool IsSequence { get; }

    /// <summary>Records read so far.</summary>
    public long Count { get; private set; }

    /// <summary>The next record's bytes, or false after the last.</summary>
    public bool TryRead(out ReadOnlySpan<byte> record)
    {
        record = default;
        if (_done)
        {
            return false;
        }

        try
        {
            if (!IsSequence)
            {
                _done = true;
                var start = (int)_reader.TokenStartIndex;
                _reader.Skip();
                record = _body[start..(int)_reader.BytesConsumed];
                Count++;
                return true;
            }

            if (!_reader.Read() || _reader.TokenType == JsonTokenType.EndArray)
            {
                _done = true;
                return false;
            }

            var first = (int)_reader.TokenStartIndex;
            _reader.Skip();
            record = _body[first..(int)_reader.BytesConsumed];
            Count++;
            return true;
        }
        catch (JsonException ex)
        {
            _done = true;
            throw new FormatReadException($"Record {Count + 1} is not valid JSON: {ex.Message}", $"record {Count + 1}", ex);
        }
    }
}
