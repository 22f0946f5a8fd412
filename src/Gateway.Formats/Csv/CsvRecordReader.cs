using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// Reads CSV (RFC 4180) as one canonical JSON object per row, keyed by the header. Rows are parsed by CsvHelper's
/// UTF-8 reader (field spans, no object mapping) and their JSON is written into one reused pooled buffer from the
/// header's precomputed property names (a reused <see cref="Utf8JsonWriter"/> copies Json cells), so memory stays
/// bounded by the largest record and a row allocates nothing. Blank lines are skipped; a row whose field count differs from the header,
/// a malformed quote, a cell that does not fit its column type or a limit that is exceeded is a
/// <see cref="FormatReadException"/> that names the record, line and column.
/// </summary>
internal sealed class CsvRecordReader : IRecordReader
{
    private readonly FormatOptions _options;
    private readonly CsvReader _csv;
    private readonly CsvReaderState _state;
    private readonly PooledByteBuffer _buffer;
    private readonly Utf8JsonWriter _json;
    private CsvRecordPlan? _plan;
    private bool _done;
    private bool _disposed;
    private long _record;

    public CsvRecordReader(Stream input, FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (FormatOptions.IsAutoDelimiter(options.Delimiter))
        {
            var delimiter = CsvDelimiterSniffer.Sniff(input, out input);
            options = options.Clone();
            options.Delimiter = delimiter;
        }

        _options = options;
        var (source, separator) = CsvDelimiter.Open(input, options.Delimiter);
        _state = CsvReaderState.Rent();
        try
        {
            _csv = CsvReader.Create(source, _state.ParserOptions(separator, options.MaxRecordBytes), leaveOpen: ReferenceEquals(source, input));
        }
        catch
        {
            _state.Return();
            throw;
        }

        _buffer = _state.Output;
        _json = _state.Json;
    }

    /// <summary>Always true: a CSV document is a sequence of rows.</summary>
    public bool IsSequence => true;

    public bool TryRead(out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (_done)
        {
            return false;
        }

        try
        {
            if (!Next())
            {
                _done = true;
                return false;
            }

            _record++;
            WriteRecord(_plan!);
            record = _buffer.WrittenMemory;
            return true;
        }
        catch (CsvFormatException e)
        {
            _done = true;
            throw CsvReadErrors.FromParser(e, _options, _record + 1);
        }
        catch (NotSupportedException e)
        {
            _done = true;
            throw new FormatReadException($"The CSV input cannot be read: {e.Message}", "line 1", e);
        }
        catch (FormatReadException)
        {
            _done = true;
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        // The state goes to the next reader of this thread, so this one must not touch it again.
        _disposed = true;
        _done = true;
        _csv.Dispose();
        _state.Return();
    }

    /// <summary>Moves to the next row, reading the header (or, without one, taking the columns from the first row) first.</summary>
    private bool Next()
    {
        if (_plan is null)
        {
            return Start();
        }

        var read = _csv.Read();
        ThrowIfMalformed();
        return read;
    }

    private bool Start()
    {
        // The parser reads the header as an ordinary record, so its bytes are checked like every row's.
        var read = _csv.Read();
        ThrowIfMalformed();
        if (!read)
        {
            return false;
        }

        // Documents from one source repeat their header, so its plan is looked up by the header's bytes before the
        // names are decoded and checked. Without a header the plan depends on the number of columns alone.
        var header = _options.HasHeader ? _csv.RawRecord : default;
        _plan = CsvPlanCache.Shared.Find(header, _csv.FieldCount, _options);
        if (_plan is null)
        {
            _plan = _options.HasHeader
                ? PlanFromHeader()
                : CsvRecordPlan.Create(CsvRecordPlan.DefaultNames(_csv.FieldCount), _options, $"line {_csv.LineNumber}");
            CsvPlanCache.Shared.Add(header, _csv.FieldCount, _options, _plan);
        }

        // Without a header the first row is a record, and the parser is on it already.
        return !_options.HasHeader || Next();
    }

    private CsvRecordPlan PlanFromHeader()
    {
        var location = $"line {_csv.LineNumber}";
        var names = new string[_csv.FieldCount];
        for (var column = 0; column < names.Length; column++)
        {
            var name = _csv.GetSpan(column);
            if (!Utf8.IsValid(name))
            {
                throw new FormatReadException($"The header name of column {column + 1} is not valid UTF-8.", Location(column));
            }

            names[column] = Encoding.UTF8.GetString(name);
            if (names[column].Length > _options.MaxFieldLength)
            {
                throw new FormatReadException(
                    $"The header name of column {column + 1} has {names[column].Length} characters, more than MaxFieldLength ({_options.MaxFieldLength}).",
                    Location(column));
            }
        }

        return CsvRecordPlan.Create(names, _options, location);
    }

    /// <summary>When the row holds another usual delimiter than the one in use, the likely cause: name it.</summary>
    private string DelimiterHint()
    {
        var other = CsvDelimiterSniffer.MostFrequentOther(_csv.RawRecord, _options.Delimiter);
        return other != 0
            ? $", or set the delimiter: the row is split on '{Describe(_options.Delimiter)}' but holds '{Describe(((char)other).ToString())}' (--delimiter {((char)other == '\t' ? "tab" : $"'{(char)other}'")}, or auto)"
            : string.Empty;

        static string Describe(string delimiter) => delimiter == "\t" ? "\\t" : delimiter;
    }

    private void WriteRecord(CsvRecordPlan plan)
    {
        if (_csv.FieldCount != plan.Names.Length)
        {
            throw new FormatReadException(
                $"Record {_record} has {_csv.FieldCount} fields, but the {(_options.HasHeader ? "header" : "first row")} has {plan.Names.Length}. " +
                $"Every row needs one field per column; quote fields that contain the delimiter{DelimiterHint()}.",
                $"line {_csv.LineNumber}");
        }

        var raw = _csv.RawRecord;
        if (!Utf8.IsValid(raw))
        {
            ThrowInvalidUtf8(plan);
        }

        // Cells are slices of the raw record (or shorter, unquoted), so it bounds the row's JSON: each byte that
        // needs escaping takes at most 5 more, and an empty cell may become null.
        var escapes = raw.IndexOfAny(JsonRowWriter.NeedsEscaping) < 0 ? 0 : JsonRowWriter.CountEscapes(raw);
        var bound = (long)plan.StaticLength + raw.Length + (5L * escapes) + (6L * plan.Names.Length);
        if (bound > Array.MaxLength)
        {
            throw new FormatReadException($"Record {_record} is too large to convert.", $"line {_csv.LineNumber}");
        }

        if (raw.Length > _options.MaxFieldLength)
        {
            CheckLengths(plan);
        }

        // Fields with escaped quotes ("") are decoded into a kept buffer; the parser would allocate for them.
        var escapedQuotes = raw.IndexOf("\"\""u8) >= 0;
        _buffer.Clear();
        var row = new JsonRowWriter(_buffer.GetSpan((int)bound));
        foreach (ref readonly var op in plan.Ops.AsSpan())
        {
            row.Raw(op.Prefix);
            var cell = escapedQuotes && CsvQuotedField.TryUnescape(_csv.GetRawSpan(op.Column), _state.Cell, out var decoded)
                ? decoded
                : _csv.GetSpan(op.Column);

            // Strings are the common case and stay on this path; typed cells take the slower one.
            if (op.Kind == CsvCellKind.String)
            {
                row.StringContent(cell, escapes > 0);
            }
            else
            {
                WriteTyped(ref row, plan, op, cell, escapes > 0, (int)bound);
            }
        }

        row.Raw(plan.Tail);
        _buffer.Advance(row.Position);
    }

    private void WriteTyped(ref JsonRowWriter row, CsvRecordPlan plan, in CsvWriteOp op, ReadOnlySpan<byte> cell, bool mayNeedEscaping, int bound)
    {
        var kind = op.Kind;
        string? problem;
        if (kind != CsvCellKind.Json)
        {
            problem = CsvCellWriter.Write(ref row, cell, kind, mayNeedEscaping);
        }
        else if (cell.IsEmpty)
        {
            row.Raw("null"u8);
            problem = null;
        }
        else
        {
            // The JSON writer appends to the buffer itself; the row goes on after what it wrote.
            _buffer.Advance(row.Position);
            problem = JsonCellCopier.Copy(cell, _json, Math.Max(1, _options.MaxDepth - op.Depth));
            row = new JsonRowWriter(_buffer.GetSpan(bound));
        }

        if (problem is not null)
        {
            throw CellError(plan, op.Column, cell, problem);
        }
    }

    private void CheckLengths(CsvRecordPlan plan)
    {
        for (var column = 0; column < plan.Names.Length; column++)
        {
            // UTF-8 never has fewer bytes than UTF-16 has chars, so only long cells need counting.
            var cell = _csv.GetSpan(column);
            if (cell.Length > _options.MaxFieldLength && Encoding.UTF8.GetCharCount(cell) > _options.MaxFieldLength)
            {
                throw new FormatReadException(
                    $"Record {_record}, column '{plan.Names[column]}': the field has more than MaxFieldLength ({_options.MaxFieldLength}) characters.",
                    Location(column));
            }
        }
    }

    private void ThrowInvalidUtf8(CsvRecordPlan plan)
    {
        for (var column = 0; column < plan.Names.Length; column++)
        {
            if (!Utf8.IsValid(_csv.GetSpan(column)))
            {
                throw new FormatReadException(
                    $"Record {_record}, column '{plan.Names[column]}': the field is not valid UTF-8. CSV input must be UTF-8 (or carry a UTF-16 byte order mark).",
                    Location(column));
            }
        }

        throw new FormatReadException($"Record {_record} is not valid UTF-8.", $"line {_csv.LineNumber}");
    }

    private FormatReadException CellError(CsvRecordPlan plan, int column, ReadOnlySpan<byte> cell, string problem) => new(
        $"Record {_record}, column '{plan.Names[column]}' ({plan.Kinds[column]}): '{CsvReadErrors.Shorten(cell)}' {problem}.", Location(column));

    private string Location(int column) => $"line {_csv.LineNumber}, column {column + 1}";

    private void ThrowIfMalformed()
    {
        if (_state.Malformed is { } malformed)
        {
            throw CsvReadErrors.FromMalformed(malformed, _options.HasHeader);
        }
    }
}
