using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Core.Json;
using Gateway.Formats.Json;

namespace Gateway.Formats.Csv;

/// <summary>
/// Walks a JSON record's tokens and puts each leaf in the column of its dotted path: nested
/// objects give <c>address.city</c>, arrays <c>tags.0</c>, <c>tags.1</c>. An empty object or array is a leaf of its
/// own (written as <c>{}</c> or <c>[]</c>), so it does not vanish. A path given twice is an error. Buffers are
/// reused from record to record. A record its reader proved valid is walked on the reader's <see cref="JsonTape"/>
/// instead of being read again.
/// </summary>
internal sealed class JsonRecordFlattener(int maxDepth) : IDisposable
{
    private readonly JsonReaderOptions _readerOptions = CanonicalJson.ReaderOptions(maxDepth);

    // The reader's own limit (0 means its default of 64); a tape deeper than that is left to the reader to refuse.
    private readonly int _tapeDepthLimit = maxDepth <= 0 ? 64 : maxDepth;

    private readonly PooledByteBuffer _path = new(256);
    private readonly PooledByteBuffer _values = new(4096);
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private int _next;
    private int _keyStart;
    private int _keyLength;
    private bool _keyInRecord;
    private long _record;
    private CsvHeader _header = null!;

    /// <summary>The values of the last record by column; <see cref="FlatValueKind.Missing"/> where it had no key.</summary>
    public FlatCell[] Cells { get; private set; } = [];

    public ReadOnlySpan<byte> Value(in FlatCell cell, ReadOnlySpan<byte> record)
        => (cell.InArena ? _values.WrittenSpan : record).Slice(cell.Start, cell.Length);

    /// <summary>Flattens <paramref name="record"/>, which must be one JSON object, into the columns of <paramref name="header"/>.</summary>
    public void Flatten(ReadOnlySpan<byte> record, long recordNumber, CsvHeader header)
    {
        _values.Clear();
        _path.Clear();
        Array.Clear(Cells);
        _depth = 0;
        _next = 0;
        _keyInRecord = false;
        _record = recordNumber;
        _header = header;
        if (JsonTape.For(record) is { } tape && tape.Depth <= _tapeDepthLimit)
        {
            var tokens = new TapeTokens(record, tape);
            Walk(ref tokens, record);
            return;
        }

        try
        {
            var tokens = new ReaderTokens(record, _readerOptions);
            Walk(ref tokens, record);
        }
        catch (JsonException e)
        {
            throw new FormatReadException($"Record {recordNumber} is not valid JSON: {e.Message}", $"record {recordNumber}", e);
        }
    }

    public void Dispose()
    {
        _path.Dispose();
        _values.Dispose();
    }

    private void Walk<TTokens>(ref TTokens reader, ReadOnlySpan<byte> record)
        where TTokens : IJsonTokens, allows ref struct
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatReadException(
                $"Record {_record} is {Describe(reader.TokenType)}, but a CSV row is written from a JSON object.",
                $"record {_record}");
        }

        _frames[_depth++] = new Frame(0, IsArray: false, Count: 0);
        while (_depth > 0 && reader.Read())
        {
            Visit(ref reader, record);
        }

        if (reader.Read())
        {
            throw new FormatReadException($"Record {_record} has text after its JSON object.", $"record {_record}");
        }
    }

    private void Visit<TTokens>(ref TTokens reader, ReadOnlySpan<byte> record)
        where TTokens : IJsonTokens, allows ref struct
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                ref var frame = ref _frames[_depth - 1];
                frame.Count++;
                if (_depth == 1 && !reader.ValueIsEscaped)
                {
                    // A top-level key is its own path: it is used where it is in the record, not copied.
                    _keyStart = reader.ValueStart;
                    _keyLength = reader.ValueSpan.Length;
                    _keyInRecord = true;
                    break;
                }

                _keyInRecord = false;
                _path.Truncate(frame.PathLength);
                if (_depth > 1)
                {
                    // A nested key: the path of its object, a dot, the key.
                    _path.Write((byte)'.');
                }

                AppendUnescaped(ref reader, _path);
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                EnterValue();
                if (_keyInRecord)
                {
                    // Nested paths grow from the key, so it goes into the path buffer.
                    _path.Clear();
                    _path.Write(record.Slice(_keyStart, _keyLength));
                    _keyInRecord = false;
                }

                if (_depth == _frames.Length)
                {
                    Array.Resize(ref _frames, _frames.Length * 2);
                }

                _frames[_depth++] = new Frame(_path.Length, reader.TokenType == JsonTokenType.StartArray, 0);
                break;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                var ended = _frames[--_depth];
                if (ended.Count == 0 && _depth > 0)
                {
                    _path.Truncate(ended.PathLength);
                    Emit(record, new FlatCell(ended.IsArray ? FlatValueKind.EmptyArray : FlatValueKind.EmptyObject, 0, 0, InArena: false));
                }

                break;
            case JsonTokenType.String:
                EnterValue();
                if (reader.ValueIsEscaped)
                {
                    var start = _values.Length;
                    AppendUnescaped(ref reader, _values);
                    Emit(record, new FlatCell(FlatValueKind.String, start, _values.Length - start, InArena: true));
                }
                else
                {
                    // The value of a string token starts after its opening quote.
                    Emit(record, new FlatCell(FlatValueKind.String, reader.ValueStart, reader.ValueSpan.Length, InArena: false));
                }

                break;
            case JsonTokenType.Number:
                EnterValue();
                Emit(record, new FlatCell(FlatValueKind.Number, reader.ValueStart, reader.ValueSpan.Length, InArena: false));
                break;
            case JsonTokenType.True:
                EnterValue();
                Emit(record, new FlatCell(FlatValueKind.True, 0, 0, InArena: false));
                break;
            case JsonTokenType.False:
                EnterValue();
                Emit(record, new FlatCell(FlatValueKind.False, 0, 0, InArena: false));
                break;
            default:
                EnterValue();
                Emit(record, new FlatCell(FlatValueKind.Null, 0, 0, InArena: false));
                break;
        }
    }

    /// <summary>Inside an array, a value's path is the array's path and its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnterValue()
    {
        // The record itself is an object, so only values below it can be array items.
        if (_depth > 1 && _frames[_depth - 1].IsArray)
        {
            EnterArrayItem();
        }
    }

    private void EnterArrayItem()
    {
        ref var frame = ref _frames[_depth - 1];
        _path.Truncate(frame.PathLength);
        _path.Write((byte)'.');
        frame.Count.TryFormat(_path.GetSpan(11), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _path.Advance(written);
        frame.Count++;
    }

    private void Emit(ReadOnlySpan<byte> record, FlatCell cell)
    {
        var path = _keyInRecord ? record.Slice(_keyStart, _keyLength) : _path.WrittenSpan;
        var column = _header.Resolve(path, _next, _record);
        if (column >= Cells.Length)
        {
            var cells = Cells;
            Array.Resize(ref cells, Math.Max(column + 1, cells.Length * 2));
            Cells = cells;
        }

        if (Cells[column].Kind != FlatValueKind.Missing)
        {
            throw new FormatReadException(
                $"Record {_record} gives the column '{Encoding.UTF8.GetString(path)}' twice (a key repeated, or a dotted key such as " +
                "\"a.b\" beside a nested one such as {\"a\":{\"b\":...}}).",
                $"record {_record}");
        }

        Cells[column] = cell;
        _next = column + 1;
    }

    private void AppendUnescaped<TTokens>(ref TTokens reader, PooledByteBuffer target)
        where TTokens : IJsonTokens, allows ref struct
    {
        if (!reader.ValueIsEscaped)
        {
            target.Write(reader.ValueSpan);
            return;
        }

        int written;
        try
        {
            // Unescaping never makes the text longer.
            written = reader.CopyString(target.GetSpan(reader.ValueSpan.Length));
        }
        catch (InvalidOperationException e)
        {
            // JSON syntax allows an escaped lone surrogate ("\ud800"), but it is no Unicode text, so UTF-8 cannot hold it.
            var what = reader.TokenType == JsonTokenType.PropertyName ? "key" : "string";
            throw new FormatReadException(
                $"Record {_record} has a {what} with an escaped lone surrogate (such as \\ud800 without its pair), which is not " +
                "Unicode text and cannot be written as CSV; fix the escape or remove the character.",
                $"record {_record}",
                e);
        }

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
    private record struct Frame(int PathLength, bool IsArray, int Count);
}
