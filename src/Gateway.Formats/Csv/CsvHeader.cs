using System.Runtime.CompilerServices;
using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// The writer's columns: the flattened paths of the first record, in order. Later records are matched against it,
/// trying the column after the last match first (records usually repeat the first one's key order), then a search
/// (in order for narrow headers, a dictionary by span for wide ones), so matching allocates nothing.
/// </summary>
internal sealed class CsvHeader
{
    /// <summary>Up to this many columns the header is searched in order, past it through <see cref="_columns"/>.</summary>
    private const int LinearSearchLimit = 16;

    private readonly Dictionary<byte[], int> _columns = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private List<byte[]> _names = [];

    /// <summary>The names of the document before the last <see cref="Reset"/>, reused when the new one has the same.</summary>
    private List<byte[]> _previous = [];

    public CsvHeader() => _lookup = _columns.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Whether the header is complete (after the first record).</summary>
    public bool IsFixed { get; set; }

    /// <summary>What fixed the header and what to do about a field it lacks, for the error that names the field.</summary>
    public string FixedBy { get; set; } =
        "The header is fixed by the first record; give every record the same fields (missing ones may be left out), or use HeaderPolicy Union.";

    /// <summary>Fixes the header to <paramref name="names"/>, in order.</summary>
    public void Fix(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Resolve(Encoding.UTF8.GetBytes(name), _names.Count, 0);
        }

        IsFixed = true;
    }

    public int Count => _names.Count;

    public IReadOnlyList<byte[]> Names => _names;

    /// <summary>
    /// The column of <paramref name="path"/>: added while the header is open, looked up once it is fixed.
    /// <paramref name="next"/> is the column after the previous match of the record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Resolve(ReadOnlySpan<byte> path, int next, long record)
        => next < _names.Count && path.SequenceEqual(_names[next]) ? next : Find(path, record);

    private int Find(ReadOnlySpan<byte> path, long record)
    {
        var column = IndexOf(path);
        if (column >= 0)
        {
            return column;
        }

        if (IsFixed)
        {
            throw new FormatReadException(
                $"Record {record} has the field '{Encoding.UTF8.GetString(path)}', which is not a column of the CSV header. {FixedBy}",
                $"record {record}");
        }

        var index = _names.Count;
        var name = index < _previous.Count && path.SequenceEqual(_previous[index]) ? _previous[index] : path.ToArray();
        _names.Add(name);
        if (_columns.Count > 0 || _names.Count > LinearSearchLimit)
        {
            Index();
        }

        return _names.Count - 1;
    }

    /// <summary>
    /// Opens the header for a new document, whose first record fixes it again. A sink writes every message as its
    /// own CSV document, and messages usually have the same fields: their names are then not allocated again.
    /// </summary>
    public void Reset()
    {
        (_previous, _names) = (_names, _previous);
        _names.Clear();
        _columns.Clear();
        IsFixed = false;
    }

    /// <summary>
    /// The column named <paramref name="path"/>, or -1. Narrow headers are searched in order (most messages are one
    /// small record, so a dictionary per message would cost more than it saves); wide ones through the dictionary.
    /// </summary>
    private int IndexOf(ReadOnlySpan<byte> path)
    {
        if (_columns.Count == 0)
        {
            for (var i = 0; i < _names.Count; i++)
            {
                if (path.SequenceEqual(_names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        return _lookup.TryGetValue(path, out var column) ? column : -1;
    }

    private void Index()
    {
        for (var i = _columns.Count; i < _names.Count; i++)
        {
            _columns[_names[i]] = i;
        }
    }
}
