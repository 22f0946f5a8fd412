using System.Runtime.CompilerServices;
using System.Text;
using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// The writer's columns: the flattened paths of the first record, in order. Later records are matched against it,
/// trying the column after the last match first (records usually repeat the first one's key order) and a
/// dictionary searched by span otherwise, so matching allocates nothing.
/// </summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<byte[], int> _columns = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly List<byte[]> _names = [];

    public CsvHeader() => _lookup = _columns.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Whether the header is complete (after the first record).</summary>
    public bool IsFixed { get; set; }

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
        if (_lookup.TryGetValue(path, out var column))
        {
            return column;
        }

        if (IsFixed)
        {
            throw new FormatReadException(
                $"Record {record} has the field '{Encoding.UTF8.GetString(path)}', which is not a column of the CSV header. " +
                "The header is fixed by the first record; give every record the same fields (missing ones may be left out).",
                $"record {record}");
        }

        _lookup[path] = _names.Count;
        _names.Add(path.ToArray());
        return _names.Count - 1;
    }
}
