using Gateway.Core.Formats;

namespace Gateway.Formats.Csv;

/// <summary>
/// What the reader knows once it has the header (or the first row, without one): the column names, the JSON type of
/// each column, and the steps that write a row as a JSON object, nested with Unflatten.
/// </summary>
internal sealed class CsvRecordPlan
{
    private CsvRecordPlan(string[] names, CsvCellKind[] kinds, CsvWriteOp[] ops, byte[] tail)
    {
        Names = names;
        Kinds = kinds;
        Ops = ops;
        Tail = tail;
        StaticLength = tail.Length + ops.Sum(op => op.Prefix.Length);
    }

    public string[] Names { get; }

    public CsvCellKind[] Kinds { get; }

    /// <summary>One step per column, in the order the JSON is written.</summary>
    public CsvWriteOp[] Ops { get; }

    /// <summary>The JSON after the last value: the brackets that close the record.</summary>
    public byte[] Tail { get; }

    /// <summary>The bytes of a row's JSON that do not depend on its cells.</summary>
    public int StaticLength { get; }

    /// <summary>Checks the names against the options; <paramref name="location"/> names the header line in errors.</summary>
    public static CsvRecordPlan Create(string[] names, FormatOptions options, string location)
    {
        if (names.Length > options.MaxColumns)
        {
            throw new FormatReadException(
                $"The header has {names.Length} columns, more than MaxColumns ({options.MaxColumns}).", location);
        }

        var firstColumn = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!firstColumn.TryAdd(names[i], i))
            {
                throw new FormatReadException(
                    $"The header names '{names[i]}' twice (columns {firstColumn[names[i]] + 1} and {i + 1}); " +
                    "each column needs its own name to become a JSON property. Rename one of them.",
                    location);
            }
        }

        var kinds = new CsvCellKind[names.Length];
        Array.Fill(kinds, options.InferTypes ? CsvCellKind.Inferred : CsvCellKind.String);
        foreach (var (name, type) in options.Columns)
        {
            if (!firstColumn.TryGetValue(name, out var column))
            {
                throw new FormatReadException(
                    $"Columns gives a type to '{name}', but the header has no such column. Its columns are: {Describe(names)}.",
                    location);
            }

            kinds[column] = type switch
            {
                ColumnType.Number => CsvCellKind.Number,
                ColumnType.Boolean => CsvCellKind.Boolean,
                ColumnType.Json => CsvCellKind.Json,
                _ => CsvCellKind.String,
            };
        }

        var (ops, tail) = CsvUnflattener.Plan(names, kinds, options.Unflatten, options.MaxDepth, location);
        return new CsvRecordPlan(names, kinds, [.. ops], tail);
    }

    /// <summary>The names <c>column1</c>, <c>column2</c>, ... of a file without a header.</summary>
    public static string[] DefaultNames(int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = "column" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }

    private static string Describe(string[] names)
    {
        const int Shown = 20;
        var list = string.Join(", ", names.Take(Shown).Select(n => $"'{n}'"));
        return names.Length > Shown ? $"{list} and {names.Length - Shown} more" : list;
    }
}
