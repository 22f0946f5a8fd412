using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes canonical JSON records as CSV rows. Each record must be a JSON object; nested objects and arrays flatten
/// to dotted headers (<c>address.city</c>, <c>tags.0</c>). The first record fixes the header, so output streams:
/// a later record with a key the header lacks is an error naming the record and the key, never a dropped field.
/// Missing keys and <c>null</c> give empty cells, numbers keep their exact JSON text, booleans are
/// <c>true</c>/<c>false</c>, and an empty object or array is written as <c>{}</c> or <c>[]</c>.
/// </summary>
public sealed class CsvRecordWriter : IRecordWriter
{
    private readonly FormatOptions _options;
    private readonly CsvOutput _output;
    private readonly JsonRecordFlattener _flattener;
    private readonly Dictionary<byte[], int> _columns = new(Utf8KeyComparer.Instance);
    private readonly List<byte[]> _header = [];
    private int[] _slots = [];
    private long _record;

    public CsvRecordWriter(Stream output, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var delimiter = CsvDelimiter.Validate(options.Delimiter);
        if (options.NewLine is not ("\r\n" or "\n" or "\r"))
        {
            throw new FormatReadException("The CSV NewLine option must be \"\\r\\n\", \"\\n\" or \"\\r\".", "option NewLine");
        }

        _output = new CsvOutput(output, delimiter, Encoding.UTF8.GetBytes(options.NewLine), options.EscapeFormulas);
        _flattener = new JsonRecordFlattener(options.MaxDepth);
    }

    /// <summary>Nothing is written yet: the header comes from the first record.</summary>
    public void Begin(bool isSequence)
    {
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        _record++;
        _flattener.Flatten(record, _record);
        var cells = _flattener.Cells;
        if (_record == 1)
        {
            FixHeader(cells);
        }

        Array.Fill(_slots, -1);
        var lookup = _columns.GetAlternateLookup<ReadOnlySpan<byte>>();
        var expected = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var path = _flattener.Path(cells[i]);

            // Records usually repeat the header's key order, so the next column is tried before the dictionary.
            int column;
            if (expected < _header.Count && path.SequenceEqual(_header[expected]))
            {
                column = expected;
            }
            else if (!lookup.TryGetValue(path, out column))
            {
                throw new FormatReadException(
                    $"Record {_record} has the field '{Encoding.UTF8.GetString(path)}', which is not a column of the CSV header. " +
                    "The header is fixed by the first record; give every record the same fields (missing ones may be left out).",
                    $"record {_record}");
            }

            if (_slots[column] >= 0)
            {
                throw Duplicate(path);
            }

            _slots[column] = i;
            expected = column + 1;
        }

        WriteRow(record, cells);
    }

    public void Complete() => _output.Flush();

    public void Dispose()
    {
        _output.Dispose();
        _flattener.Dispose();
    }

    private void FixHeader(List<FlatCell> cells)
    {
        if (cells.Count == 0)
        {
            throw new FormatReadException(
                "Record 1 is an empty object, so there are no columns: the CSV header is taken from the first record.", "record 1");
        }

        foreach (var cell in cells)
        {
            var name = _flattener.Path(cell).ToArray();
            if (!_columns.TryAdd(name, _header.Count))
            {
                throw Duplicate(name);
            }

            _header.Add(name);
        }

        _slots = new int[_header.Count];
        if (_options.HasHeader)
        {
            foreach (var name in _header)
            {
                _output.WriteText(name);
            }

            _output.EndRecord(onlyFieldEmpty: _header[0].Length == 0);
        }
    }

    private void WriteRow(ReadOnlySpan<byte> record, List<FlatCell> cells)
    {
        var empty = true;
        foreach (var slot in _slots)
        {
            if (slot < 0)
            {
                _output.WriteEmpty();
                continue;
            }

            var cell = cells[slot];
            empty = false;
            switch (cell.Kind)
            {
                case FlatValueKind.String:
                    var text = _flattener.Value(cell, record);
                    empty = text.IsEmpty;
                    _output.WriteText(text);
                    break;
                case FlatValueKind.Number:
                    _output.WriteLiteral(_flattener.Value(cell, record));
                    break;
                case FlatValueKind.True:
                    _output.WriteLiteral("true"u8);
                    break;
                case FlatValueKind.False:
                    _output.WriteLiteral("false"u8);
                    break;
                case FlatValueKind.EmptyObject:
                    _output.WriteLiteral("{}"u8);
                    break;
                case FlatValueKind.EmptyArray:
                    _output.WriteLiteral("[]"u8);
                    break;
                default:
                    empty = true;
                    _output.WriteEmpty();
                    break;
            }
        }

        _output.EndRecord(empty);
    }

    private FormatReadException Duplicate(ReadOnlySpan<byte> path) => new(
        $"Record {_record} gives the column '{Encoding.UTF8.GetString(path)}' twice (a key repeated, or a dotted key such as " +
        "\"a.b\" beside a nested one such as {\"a\":{\"b\":...}}).",
        $"record {_record}");
}
