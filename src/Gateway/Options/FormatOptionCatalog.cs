using System.Globalization;
using System.Xml;
using Gateway.Core.Formats;

namespace Gateway.Options;

/// <summary>
/// Every format option the CLI (<c>gateway convert --delimiter ;</c>) and <c>POST /convert</c>
/// (<c>?delimiter=;</c>) accept, with the parsing both share.
/// </summary>
internal static class FormatOptionCatalog
{
    public static IReadOnlyList<FormatOptionDefinition> All { get; } =
    [
        new(nameof(FormatOptions.Delimiter), "delimiter", "--delimiter", FormatOptionKind.Text,
            "CSV field delimiter: any non-empty text; 'tab' or '\\t' for a tab; 'auto' picks , ; tab or | from the first lines (the default; writing: ',').",
            (o, v) => ParseDelimiter(v, out var d) is { } e ? e : Set(() => o.Delimiter = d))
        { HelpName = "TEXT" },
        new(nameof(FormatOptions.HasHeader), "header", "--no-header", FormatOptionKind.Flag,
            "CSV: the first row is data, not a header; columns are named column1, column2, ...",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.HasHeader = b))
        { QueryAliases = ["hasHeader"], CliFlagValue = "false" },
        new(nameof(FormatOptions.InferTypes), "inferTypes", "--infer-types", FormatOptionKind.Flag,
            "CSV and XML -> JSON: JSON number literals become numbers, true/false booleans.",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.InferTypes = b)),
        new(nameof(FormatOptions.Columns), "columns", "--columns", FormatOptionKind.List,
            "CSV: column types as name=Type (String, Number, Boolean, Json), comma-separated or repeated; they win over --infer-types.",
            ParseColumns)
        { QueryAliases = ["column"], HelpName = "NAME=TYPE,..." },
        new(nameof(FormatOptions.Unflatten), "unflatten", "--unflatten", FormatOptionKind.Flag,
            "CSV -> JSON: dotted headers (address.city, tags.0) rebuild nested objects and arrays.",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.Unflatten = b)),
        new(nameof(FormatOptions.EscapeFormulas), "escapeFormulas", "--escape-formulas", FormatOptionKind.Flag,
            "JSON -> CSV: prefix cells a spreadsheet would run as a formula with '. Numbers are never altered.",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.EscapeFormulas = b)),
        new(nameof(FormatOptions.HeaderPolicy), "headerPolicy", "--header-policy", FormatOptionKind.Text,
            "JSON -> CSV: where the columns come from: first (the first record's fields; output streams), union (every record's fields; files are read twice), columns (the --header-columns list).",
            (o, v) => ParseEnum<CsvHeaderPolicy>(v, out var p) is { } e ? e : Set(() => o.HeaderPolicy = p))
        { HelpName = "first|union|columns" },
        new(nameof(FormatOptions.HeaderColumns), "headerColumns", "--header-columns", FormatOptionKind.List,
            "JSON -> CSV with --header-policy columns: the columns in order (flattened names such as address.city), comma-separated or repeated.",
            (o, v) => ParseList(v, o.HeaderColumns, "the column list"))
        { HelpName = "NAME,..." },
        new(nameof(FormatOptions.UnionBufferBytes), "unionBufferBytes", "--union-buffer-bytes", FormatOptionKind.Number,
            "JSON -> CSV with --header-policy union from standard input or HTTP: the most bytes of records held to learn every column. Default 67108864.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.UnionBufferBytes = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.NewLine), "newline", "--newline", FormatOptionKind.Text,
            "CSV output line ending: crlf (the default, RFC 4180) or lf.",
            (o, v) => ParseNewLine(v, out var n) is { } e ? e : Set(() => o.NewLine = n))
        { HelpName = "lf|crlf" },
        new(nameof(FormatOptions.MaxColumns), "maxColumns", "--max-columns", FormatOptionKind.Number,
            "CSV: the most columns a row may have. Default 10000.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxColumns = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.MaxFieldLength), "maxFieldLength", "--max-field-length", FormatOptionKind.Number,
            "CSV: the longest field in characters. Default 1048576.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxFieldLength = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.MaxRecordBytes), "maxRecordBytes", "--max-record-bytes", FormatOptionKind.Number,
            "CSV: the longest record (row) as it is in the input, in bytes; bounds memory even when a quote is never closed. Default 16777216.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxRecordBytes = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.RootElement), "root", "--root", FormatOptionKind.Text,
            "JSON -> XML: the root element wrapping anything but a one-property object. Default 'root'.",
            (o, v) => ParseXmlName(v, out var n) is { } e ? e : Set(() => o.RootElement = n))
        { QueryAliases = ["rootElement"], HelpName = "NAME" },
        new(nameof(FormatOptions.ItemElement), "item", "--item", FormatOptionKind.Text,
            "JSON -> XML: the element of each item of a top-level array or record sequence. Default 'item'.",
            (o, v) => ParseXmlName(v, out var n) is { } e ? e : Set(() => o.ItemElement = n))
        { QueryAliases = ["itemElement"], HelpName = "NAME" },
        new(nameof(FormatOptions.ArrayPaths), "arrayPath", "--array-path", FormatOptionKind.List,
            "XML -> JSON: an element path that is always an array, from the root (order/line) or relative to the record element (line); repeatable or comma-separated.",
            ParseArrayPaths)
        { QueryAliases = ["arrayPaths"], HelpName = "PATH" },
        new(nameof(FormatOptions.RecordElement), "recordElement", "--record-element", FormatOptionKind.Text,
            "XML: stream each element with this name as one record instead of the whole document as one.",
            (o, v) => ParseXmlName(v, out var n) is { } e ? e : Set(() => o.RecordElement = n))
        { HelpName = "NAME" },
        new(nameof(FormatOptions.Records), "records", "--records", FormatOptionKind.Text,
            "JSON: a JSON Pointer (/data/items) to the array inside the document whose items are the records, streamed like a top-level array.",
            (o, v) => Set(() => o.Records = v))
        { HelpName = "POINTER" },
        new(nameof(FormatOptions.MaxDocumentChars), "maxDocumentChars", "--max-document-chars", FormatOptionKind.Number,
            "XML: the largest document (or record, with --record-element) in characters. Default 67108864.",
            (o, v) => ParseLong(v, out var n) is { } e ? e : Set(() => o.MaxDocumentChars = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.MaxAttributes), "maxAttributes", "--max-attributes", FormatOptionKind.Number,
            "XML: the most attributes on one element, namespace declarations included. Default 1000.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxAttributes = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.MaxNames), "maxNames", "--max-names", FormatOptionKind.Number,
            "XML: the most distinct names (elements, attributes, prefixes, namespace URIs) in a document. Default 100000.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxNames = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.Strict), "strict", "--strict", FormatOptionKind.Flag,
            "XML -> JSON: fail on what JSON would lose (interleaved same-name siblings, mixed content, comments, processing instructions) instead of dropping it.",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.Strict = b)),
        new(nameof(FormatOptions.MaxDepth), "maxDepth", "--max-depth", FormatOptionKind.Number,
            "JSON, NDJSON and XML: the deepest nesting accepted (1-1000). Default 64.",
            (o, v) => ParseInt(v, out var n) is { } e ? e : Set(() => o.MaxDepth = n))
        { HelpName = "N" },
        new(nameof(FormatOptions.Pretty), "pretty", "--pretty", FormatOptionKind.Flag,
            "JSON and XML output: indent.",
            (o, v) => ParseFlag(v, out var b) is { } e ? e : Set(() => o.Pretty = b)),
    ];

    /// <summary>Finds an option by its query-string name or alias, ignoring case.</summary>
    public static FormatOptionDefinition? FindByQueryName(string name) => All.FirstOrDefault(d =>
        string.Equals(d.QueryName, name, StringComparison.OrdinalIgnoreCase)
        || d.QueryAliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The user-facing name of a <see cref="FormatOptions"/> property, for validation messages.</summary>
    public static string NameOf(string property, bool cli) =>
        All.FirstOrDefault(d => d.Property == property) is { } d ? (cli ? d.CliFlag : d.QueryName) : property;

    private static string? Set(Action assign)
    {
        assign();
        return null;
    }

    private static string? ParseFlag(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes" or "on":
                result = true;
                return null;
            case "false" or "0" or "no" or "off":
                result = false;
                return null;
            default:
                result = false;
                return $"'{value}' is not a boolean; use true or false.";
        }
    }

    private static string? ParseEnum<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out result) && Enum.IsDefined(result) && !char.IsDigit(value.Trim()[0])
            ? null
            : $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.";

    private static string? ParseList(string value, List<string> target, string what)
    {
        var items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return $"{what} must not be empty.";
        }

        target.AddRange(items);
        return null;
    }

    private static string? ParseInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result)
            ? null
            : $"'{value}' is not a whole number between 0 and {int.MaxValue}.";

    private static string? ParseLong(string value, out long result) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result)
            ? null
            : $"'{value}' is not a whole number between 0 and {long.MaxValue}.";

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

    private static string? ParseXmlName(string value, out string result)
    {
        result = value.Trim();
        if (result.Length == 0)
        {
            return "the element name must not be empty.";
        }

        try
        {
            XmlConvert.VerifyName(result);
            return null;
        }
        catch (XmlException)
        {
            return $"'{value}' is not a valid XML element name.";
        }
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

    private static string? ParseArrayPaths(FormatOptions options, string value) => ParseList(value, options.ArrayPaths, "the path");
}
