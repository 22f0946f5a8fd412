using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// A copy of the options that decide how a CSV header becomes a <see cref="CsvRecordPlan"/>, taken when a plan is
/// cached. <see cref="FormatOptions"/> is mutable and callers may build a new instance per request, so a cached plan
/// is matched by these values, not by the options instance.
/// </summary>
internal sealed class CsvReadSettings
{
    private readonly string _delimiter;
    private readonly bool _hasHeader;
    private readonly bool _inferTypes;
    private readonly bool _unflatten;
    private readonly int _maxDepth;
    private readonly int _maxColumns;
    private readonly int _maxFieldLength;
    private readonly Dictionary<string, ColumnType> _columns;

    public CsvReadSettings(FormatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The delimiter splits the header's bytes into names, the others check the names and shape the plan.
        _delimiter = options.Delimiter;
        _hasHeader = options.HasHeader;
        _inferTypes = options.InferTypes;
        _unflatten = options.Unflatten;
        _maxDepth = options.MaxDepth;
        _maxColumns = options.MaxColumns;
        _maxFieldLength = options.MaxFieldLength;
        _columns = new Dictionary<string, ColumnType>(options.Columns, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="options"/> would build the same plan from the same header; allocates nothing.</summary>
    public bool Matches(FormatOptions options)
    {
        if (options.HasHeader != _hasHeader || options.InferTypes != _inferTypes || options.Unflatten != _unflatten ||
            options.MaxDepth != _maxDepth || options.MaxColumns != _maxColumns || options.MaxFieldLength != _maxFieldLength ||
            !string.Equals(options.Delimiter, _delimiter, StringComparison.Ordinal))
        {
            return false;
        }

        var columns = options.Columns;
        if (columns.Count != _columns.Count)
        {
            return false;
        }

        // Looked up in the copy, which compares ordinally as the plan does, whatever comparer the options' one has.
        foreach (var (name, type) in columns)
        {
            if (!_columns.TryGetValue(name, out var other) || other != type)
            {
                return false;
            }
        }

        return true;
    }
}
