using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Writes canonical JSON records as CSV rows. Each record must be a JSON object; nested objects and arrays flatten
/// to dotted headers (<c>address.city</c>, <c>tags.0</c>). The header comes from <see cref="FormatOptions.HeaderPolicy"/>:
/// the first record (output streams), every record (held up to <see cref="FormatOptions.UnionBufferBytes"/> until the
/// end), or a fixed list. A record with a key the header lacks is an error naming the record and the key, never a
/// dropped field.
/// Missing keys and <c>null</c> give empty cells, numbers keep their exact JSON text, booleans are
/// <c>true</c>/<c>false</c>, and an empty object or array is written as <c>{}</c> or <c>[]</c>.
/// </summary>
internal sealed class CsvRecordWriter : IReusableRecordWriter
{
    private readonly FormatOptions _options;
    private readonly CsvOutput _output;
    private readonly JsonRecordFlattener _flattener;
    private readonly CsvHeader _header = new();
    private PooledByteBuffer? _held;
    private List<int>? _heldEnds;
    private long _record;

    public CsvRecordWriter(Stream output, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var delimiter = CsvDelimiter.Validate(FormatOptions.IsAutoDelimiter(options.Delimiter) ? "," : options.Delimiter);
        if (options.NewLine is not ("\r\n" or "\n"))
        {
            throw new FormatReadException("The CSV NewLine option must be \"\\r\\n\" or \"\\n\".", "option NewLine");
        }

        _output = new CsvOutput(output, delimiter, Encoding.UTF8.GetBytes(options.NewLine), options.EscapeFormulas);
        _flattener = new JsonRecordFlattener(options.MaxDepth);
        FixListedColumns();
    }

    /// <summary>Nothing is written yet: the header comes from the first record (or, with Union, from all of them).</summary>
    public void Begin(bool isSequence)
    {
    }

    public void Write(ReadOnlySpan<byte> record)
    {
        _record++;
        _flattener.Flatten(record, _record, _header);
        if (_options.HeaderPolicy == CsvHeaderPolicy.Union)
        {
            Hold(record);
            return;
        }

        if (_record == 1)
        {
            WriteHeader();
        }

        WriteRow(record, _flattener.Cells);
    }

    public void Complete()
    {
        if (_held is not null)
        {
            WriteHeld();
        }
        else if (_record == 0 && _options.HeaderPolicy == CsvHeaderPolicy.Columns)
        {
            WriteHeader();
        }

        _output.Flush();
    }

    /// <summary>A new document: its header comes from its own first record again (the names are reused when they match).</summary>
    public void Reset()
    {
        _record = 0;
        _header.Reset();
        _output.Reset();
        _held?.Clear();
        _heldEnds?.Clear();
        FixListedColumns();
    }

    public void Dispose()
    {
        _output.Dispose();
        _flattener.Dispose();
        _held?.Dispose();
    }

    private void FixListedColumns()
    {
        if (_options.HeaderPolicy == CsvHeaderPolicy.Columns)
        {
            _header.Fix(_options.HeaderColumns);
            _header.FixedBy = "The columns are the HeaderColumns list (--header-columns); add the field to it, or use HeaderPolicy Union.";
        }
    }

    /// <summary>Union: keeps the record until every record was seen; its fields are already in the header.</summary>
    private void Hold(ReadOnlySpan<byte> record)
    {
        _held ??= new PooledByteBuffer();
        _heldEnds ??= [];
        if ((long)_held.Length + record.Length > _options.UnionBufferBytes)
        {
            throw new FormatReadException(
                $"HeaderPolicy Union holds the records until the last one to learn every column, and record {_record} goes past the limit of " +
                $"{_options.UnionBufferBytes} bytes (UnionBufferBytes). Convert a file with 'gateway convert --input FILE' (it reads the file twice instead), " +
                "raise the limit, or name the columns with HeaderPolicy Columns.",
                $"record {_record}");
        }

        _held.Write(record);
        _heldEnds.Add(_held.Length);
    }

    private void WriteHeld()
    {
        if (_record == 0)
        {
            return;
        }

        WriteHeader();
        var start = 0;
        for (var i = 0; i < _heldEnds!.Count; i++)
        {
            var record = _held!.WrittenSpan[start.._heldEnds[i]];
            _flattener.Flatten(record, i + 1, _header);
            WriteRow(record, _flattener.Cells);
            start = _heldEnds[i];
        }
    }

    private void WriteHeader()
    {
        if (_header.Count == 0)
        {
            throw new FormatReadException(
                _options.HeaderPolicy == CsvHeaderPolicy.Union
                    ? "Every record is an empty object, so there are no columns."
                    : "Record 1 is an empty object, so there are no columns: the CSV header is taken from the first record.",
                "record 1");
        }

        _header.IsFixed = true;
        if (_options.HasHeader)
        {
            foreach (var name in _header.Names)
            {
                _output.WriteText(name);
            }

            _output.EndRecord(onlyFieldEmpty: _header.Names[0].Length == 0);
        }
    }

    private void WriteRow(ReadOnlySpan<byte> record, FlatCell[] cells)
    {
        var empty = true;
        for (var column = 0; column < _header.Count; column++)
        {
            // A record that ends before the last columns (Union, Columns) has none of them.
            var cell = column < cells.Length ? cells[column] : default;
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
                    // Missing and null.
                    empty = true;
                    _output.WriteEmpty();
                    break;
            }
        }

        _output.EndRecord(empty);
    }
}
