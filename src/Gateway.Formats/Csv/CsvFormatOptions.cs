using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Formats.Options;
using static Gateway.Core.Formats.Options.FormatOptionDescriptors;

namespace Gateway.Formats.Csv;

/// <summary>The options of <see cref="CsvFormat"/>.</summary>
internal static class CsvFormatOptions
{
    public static IReadOnlyList<FormatOptionDescriptor> All { get; } =
    [
        Parsed(
            nameof(FormatOptions.Delimiter), "delimiter", "--delimiter", "CSV",
            "CSV field delimiter: any non-empty text; 'tab' or '\\t' for a tab; 'auto' picks , ; tab or | from the first lines (the default; writing: ',').",
            "TEXT", ParseDelimiter, (o, v) => o.Delimiter = v),
        Flag(
            nameof(FormatOptions.HasHeader), "header", "--no-header", "CSV",
            "CSV: the first row is data, not a header; columns are named column1, column2, ...",
            (o, v) => o.HasHeader = v) with { QueryAliases = ["hasHeader"], CliFlagValue = "false" },
        SharedFormatOptions.InferTypes,
        new(
            nameof(FormatOptions.Columns), "columns", "--columns", FormatOptionKind.List, "CSV",
            "CSV: column types as name=Type (String, Number, Boolean, Json), comma-separated or repeated; they win over --infer-types.",
            ParseColumns) { QueryAliases = ["column"], HelpName = "NAME=TYPE,..." },
        Flag(
            nameof(FormatOptions.Unflatten), "unflatten", "--unflatten", "CSV -> JSON",
            "CSV -> JSON: dotted headers (address.city, tags.0) rebuild nested objects and arrays.",
            (o, v) => o.Unflatten = v),
        Flag(
            nameof(FormatOptions.EscapeFormulas), "escapeFormulas", "--escape-formulas", "JSON -> CSV",
            "JSON -> CSV: prefix cells a spreadsheet would run as a formula with '. Numbers are never altered.",
            (o, v) => o.EscapeFormulas = v),
        Choice<CsvHeaderPolicy>(
            nameof(FormatOptions.HeaderPolicy), "headerPolicy", "--header-policy", "JSON -> CSV",
            "JSON -> CSV: where the columns come from: first (the first record's fields; output streams), union (every record's fields; files are read twice), columns (the --header-columns list).",
            (o, v) => o.HeaderPolicy = v),
        List(
            nameof(FormatOptions.HeaderColumns), "headerColumns", "--header-columns", "JSON -> CSV",
            "JSON -> CSV with --header-policy columns: the columns in order (flattened names such as address.city), comma-separated or repeated.",
            "NAME,...", "the column list", o => o.HeaderColumns),
        Number(
            nameof(FormatOptions.UnionBufferBytes), "unionBufferBytes", "--union-buffer-bytes", "JSON -> CSV",
            "JSON -> CSV with --header-policy union from standard input or HTTP: the most bytes of records held to learn every column. Default 67108864.",
            (o, v) => o.UnionBufferBytes = v),
        Parsed(
            nameof(FormatOptions.NewLine), "newline", "--newline", "CSV output",
            "CSV output line ending: crlf (the default, RFC 4180) or lf.",
            "lf|crlf", ParseNewLine, (o, v) => o.NewLine = v),
        Number(
            nameof(FormatOptions.MaxColumns), "maxColumns", "--max-columns", "CSV",
            "CSV: the most columns a row may have. Default 10000.",
            (o, v) => o.MaxColumns = v),
        Number(
            nameof(FormatOptions.MaxFieldLength), "maxFieldLength", "--max-field-length", "CSV",
            "CSV: the longest field in characters. Default 1048576.",
            (o, v) => o.MaxFieldLength = v),
        Number(
            nameof(FormatOptions.MaxRecordBytes), "maxRecordBytes", "--max-record-bytes", "CSV",
            "CSV: the longest record (row) as it is in the input, in bytes; bounds memory even when a quote is never closed. Default 16777216.",
            (o, v) => o.MaxRecordBytes = v),
        SharedFormatOptions.MaxDepth,
    ];

    private static string? ParseDelimiter(string value, out string result)
    {
        result = value switch
        {
            "\\t" => "\t",
            _ when string.Equals(value, "tab", StringComparison.OrdinalIgnoreCase) => "\t",
            _ when FormatOptions.IsAutoDelimiter(value) => FormatOptions.AutoDelimiter,
            _ => value,
        };
        return result.Length == 0 ? "the delimiter must not be empty."
            : result.AsSpan().IndexOfAny('"', '\r', '\n') >= 0 ? "the delimiter must not contain a quote or a line break."
            : null;
    }

    private static string? ParseNewLine(string value, out string result)
    {
        result = value.Trim().ToLowerInvariant() switch
        {
            "lf" or "\\n" or "\n" => "\n",
            "crlf" or "\\r\\n" or "\r\n" => "\r\n",
            _ => string.Empty,
        };
        return result.Length == 0 ? $"'{value}' is not a line ending; use lf or crlf." : null;
    }

    private static string? ParseColumns(FormatOptions options, string value)
    {
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.LastIndexOf('=');
            if (equals <= 0 || equals == item.Length - 1)
            {
                return $"'{item}' is not name=Type (for example qty=Number).";
            }

            var name = item[..equals].Trim();
            var typeText = item[(equals + 1)..].Trim();
            if (!Enum.TryParse<ColumnType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || char.IsDigit(typeText[0]))
            {
                return $"'{item}' has an unknown type '{typeText}'; use {string.Join(", ", Enum.GetNames<ColumnType>())}.";
            }

            options.Columns[name] = type;
        }

        return null;
    }
}
