using System.Text.Json;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Walks a JSON record with <see cref="Utf8JsonReader"/> and lists its leaves by dotted path: nested objects give
/// <c>address.city</c>, arrays <c>tags.0</c>, <c>tags.1</c>. An empty object or array is a leaf of its own
/// (written as <c>{}</c> or <c>[]</c>), so it does not vanish. Buffers are reused from record to record.
/// </summary>
internal sealed class JsonRecordFlattener(int maxDepth) : IDisposable
{
    private readonly PooledByteBuffer _path = new(256);
    private readonly PooledByteBuffer _paths = new(4096);
    private readonly PooledByteBuffer _values = new(4096);
    private readonly List<Frame> _frames = [];

    /// <summary>The leaves of the last record, in document order.</summary>
    public List<FlatCell> Cells { get; } = [];

    public ReadOnlySpan<byte> Path(in FlatCell cell) => _paths.WrittenSpan.Slice(cell.PathStart, cell.PathLength);

    public ReadOnlySpan<byte> Value(in FlatCell cell, ReadOnlySpan<byte> record)
        => (cell.InArena ? _values.WrittenSpan : record).Slice(cell.ValueStart, cell.ValueLength);

    /// <summary>Flattens <paramref name="record"/>, which must be one JSON object.</summary>
    public void Flatten(ReadOnlySpan<byte> record, long recordNumber)
    {
        Cells.Clear();
        _paths.Clear();
        _values.Clear();
        _path.Clear();
        _frames.Clear();
        try
        {
            var reader = new Utf8JsonReader(record, new JsonReaderOptions { MaxDepth = maxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatReadException(
                    $"Record {recordNumber} is {Describe(reader.TokenType)}, but a CSV row is written from a JSON object.",
                    $"record {recordNumber}");
            }

            _frames.Add(new Frame(0, IsArray: false, Count: 0));
            while (_frames.Count > 0 && reader.Read())
            {
                Visit(ref reader);
            }

            if (reader.Read())
            {
                throw new FormatReadException($"Record {recordNumber} has text after its JSON object.", $"record {recordNumber}");
            }
        }
        catch (JsonException e)
        {
            throw new FormatReadException($"Record {recordNumber} is not valid JSON: {e.Message}", $"record {recordNumber}", e);
        }
    }

    public void Dispose()
    {
        _path.Dispose();
        _paths.Dispose();
        _values.Dispose();
    }

    private void Visit(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                var frame = Top();
                _frames[^1] = frame with { Count = frame.Count + 1 };
                _path.Truncate(frame.PathLength);
                if (_frames.Count > 1)
                {
                    _path.Write((byte)'.');
                }

                AppendUnescaped(ref reader, _path);
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                EnterValue();
                _frames.Add(new Frame(_path.Length, reader.TokenType == JsonTokenType.StartArray, 0));
                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                var ended = Top();
                _frames.RemoveAt(_frames.Count - 1);
                if (ended.Count == 0 && _frames.Count > 0)
                {
                    _path.Truncate(ended.PathLength);
                    Emit(ended.IsArray ? FlatValueKind.EmptyArray : FlatValueKind.EmptyObject, 0, 0, inArena: false);
                }

                break;
            case JsonTokenType.String:
                EnterValue();
                if (reader.ValueIsEscaped)
                {
                    var start = _values.Length;
                    AppendUnescaped(ref reader, _values);
                    Emit(FlatValueKind.String, start, _values.Length - start, inArena: true);
                }
                else
                {
                    // The value of a string token starts after its opening quote.
                    Emit(FlatValueKind.String, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, inArena: false);
                }

                break;
            case JsonTokenType.Number:
                EnterValue();
                Emit(FlatValueKind.Number, (int)reader.TokenStartIndex, reader.ValueSpan.Length, inArena: false);
                break;
            case JsonTokenType.True:
                EnterValue();
                Emit(FlatValueKind.True, 0, 0, inArena: false);
                break;
            case JsonTokenType.False:
                EnterValue();
                Emit(FlatValueKind.False, 0, 0, inArena: false);
                break;
            default:
                EnterValue();
                Emit(FlatValueKind.Null, 0, 0, inArena: false);
                break;
        }
    }

    /// <summary>Inside an array, a value's path is the array's path and its index.</summary>
    private void EnterValue()
    {
        var frame = Top();
        if (!frame.IsArray)
        {
            return;
        }

        _frames[^1] = frame with { Count = frame.Count + 1 };
        _path.Truncate(frame.PathLength);
        _path.Write((byte)'.');
        frame.Count.TryFormat(_path.GetSpan(11), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _path.Advance(written);
    }

    private void Emit(FlatValueKind kind, int valueStart, int valueLength, bool inArena)
    {
        var pathStart = _paths.Length;
        _paths.Write(_path.WrittenSpan);
        Cells.Add(new FlatCell(pathStart, _path.Length, kind, valueStart, valueLength, inArena));
    }

    private Frame Top() => _frames[^1];

    private static void AppendUnescaped(ref Utf8JsonReader reader, PooledByteBuffer target)
    {
        if (!reader.ValueIsEscaped)
        {
            target.Write(reader.ValueSpan);
            return;
        }

        // Unescaping never makes the text longer.
        var written = reader.CopyString(target.GetSpan(reader.ValueSpan.Length));
        target.Advance(written);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "a JSON array",
        JsonTokenType.String => "a JSON string",
        JsonTokenType.Number => "a JSON number",
        JsonTokenType.True or JsonTokenType.False => "a JSON boolean",
        JsonTokenType.Null => "JSON null",
        _ => "empty",
    };

    /// <summary>An open object or array: where its path ends and how many members it has seen.</summary>
    private readonly record struct Frame(int PathLength, bool IsArray, int Count);
}
