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
internal sealed class CsvRecordWriter : IReusableRecordWriter
{
    private readonly FormatOptions _options;
    private readonly CsvOutput _output;
    private readonly JsonRecordFlattener _flattener;
    private readonly CsvHeader _header = new();
    private long _record;

    public CsvRecordWriter(Stream output, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var delimiter = CsvDelimiter.Validate(options.Delimiter);
        if (options.NewLine is not ("\r\n" or "\n"))
        {
            throw new FormatReadException("The CSV NewLine option must be \"\\r\\n\" or \"\\n\".", "option NewLine");
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
        _flattener.Flatten(record, _record, _header);
        if (!_header.IsFixed)
        {
            FixHeader();
        }

        WriteRow(record, _flattener.Cells);
    }

    public void Complete() => _output.Flush();

    /// <summary>A new document: its header comes from its own first record again (the names are reused when they match).</summary>
    public void Reset()
    {
        _record = 0;
        _header.Reset();
        _output.Reset();
    }

    public void Dispose()
    {
        _output.Dispose();
        _flattener.Dispose();
    }

    private void FixHeader()
    {
        if (_header.Count == 0)
        {
            throw new FormatReadException(
                "Record 1 is an empty object, so there are no columns: the CSV header is taken from the first record.", "record 1");
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
            ref readonly var cell = ref cells[column];
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
