using System.ComponentModel.DataAnnotations;
using Gateway.Core.Json;

namespace Gateway.Core.Formats;

/// <summary>
/// Options of every format in one flat bag, so an input or sink section holds them beside its transport's options.
/// Each format reads the options that concern it and lists their descriptors in <see cref="DataFormat.Options"/>,
/// from which configuration, CLI flags and query strings bind (<see cref="Options.FormatOptionsBinder"/>).
/// </summary>
public sealed class FormatOptions : IValidatableObject
{
    // ----- CSV -----

    /// <summary>The <see cref="Delimiter"/> that picks <c>,</c> <c>;</c> tab or <c>|</c> from the first lines of the input (writing: <c>,</c>).</summary>
    public const string AutoDelimiter = "auto";

    /// <summary>CSV field delimiter: <c>,</c> <c>;</c> <c>\t</c> <c>|</c>, any other non-empty string, or <see cref="AutoDelimiter"/>.</summary>
    [Required(AllowEmptyStrings = true)] // [Required] alone rejects whitespace, so a tab; MinLength keeps it non-empty.
    [MinLength(1)]
    public string Delimiter { get; set; } = ",";

    /// <summary>Whether the first CSV row names the columns. Without a header columns are <c>column1</c>, <c>column2</c>, ...</summary>
    public bool HasHeader { get; set; } = true;

    /// <summary>CSV and XML: cells or text that are JSON number literals become numbers, <c>true</c>/<c>false</c> booleans.</summary>
    public bool InferTypes { get; set; }

    /// <summary>CSV: explicit column types by header name; they win over <see cref="InferTypes"/>.</summary>
    public Dictionary<string, ColumnType> Columns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CSV -> JSON: dotted headers (<c>address.city</c>) rebuild nested objects (and <c>tags.0</c> arrays).</summary>
    public bool Unflatten { get; set; }

    /// <summary>JSON -> CSV: prefix cells that a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR) with <c>'</c>. Numbers are never altered.</summary>
    public bool EscapeFormulas { get; set; }

    /// <summary>JSON -> CSV: where the columns come from (<see cref="CsvHeaderPolicy"/>).</summary>
    public CsvHeaderPolicy HeaderPolicy { get; set; }

    /// <summary>JSON -> CSV with <see cref="CsvHeaderPolicy.Columns"/>: the columns, in order (flattened names such as <c>address.city</c>).</summary>
    public List<string> HeaderColumns { get; set; } = [];

    /// <summary>JSON -> CSV with <see cref="CsvHeaderPolicy.Union"/>: the most bytes of records held to learn every column before the first row is written.</summary>
    [Range(1, int.MaxValue)]
    public int UnionBufferBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>CSV output line ending: <c>\r\n</c> (RFC 4180, the default) or <c>\n</c>.</summary>
    public string NewLine { get; set; } = "\r\n";

    /// <summary>CSV: the most columns a row may have.</summary>
    [Range(1, 1_000_000)]
    public int MaxColumns { get; set; } = 10_000;

    /// <summary>CSV: the longest field in characters.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFieldLength { get; set; } = 1024 * 1024;

    /// <summary>
    /// CSV: the longest record (one row with all its fields, as it is in the input) in bytes. It bounds the memory
    /// of reading, also when a quote is never closed and the rest of the input would otherwise become one field.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxRecordBytes { get; set; } = 16 * 1024 * 1024;

    // ----- XML -----

    /// <summary>JSON -> XML: the root element wrapping anything that is not a one-property object.</summary>
    [Required]
    public string RootElement { get; set; } = "root";

    /// <summary>JSON -> XML: the element of each item of a top-level array (or record sequence).</summary>
    [Required]
    public string ItemElement { get; set; } = "item";

    /// <summary>XML -> JSON: element paths (<c>order/line</c>, from the root) that are always arrays, even with one element.</summary>
    public List<string> ArrayPaths { get; set; } = [];

    /// <summary>XML: read each element with this name as one record (streaming), instead of the whole document as one.</summary>
    public string? RecordElement { get; set; }

    /// <summary>JSON, NDJSON and XML: the largest document or record held in memory, in characters (XML with <see cref="RecordElement"/>: the largest record).</summary>
    [Range(1, long.MaxValue)]
    public long MaxDocumentChars { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// XML: the most attributes on one element, namespace declarations included. The parser reads a whole start tag
    /// before anything can look at it, and its cost grows faster than the attributes, so this stops a flood early.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxAttributes { get; set; } = 1_000;

    /// <summary>XML: the most distinct names (element and attribute names, prefixes, namespace URIs) in a document.</summary>
    [Range(1, 100_000_000)]
    public int MaxNames { get; set; } = 100_000;

    /// <summary>
    /// XML -> JSON: fail instead of losing information silently. Same-name siblings interleaved with other elements
    /// (<c>a, b, a</c>: order), text on both sides of a child element (mixed content: text positions), and comments
    /// or processing instructions (dropped) become errors. With <see cref="RecordElement"/> only the records are checked.
    /// </summary>
    public bool Strict { get; set; }

    // ----- JSON -----

    /// <summary>
    /// JSON: a JSON Pointer (RFC 6901, <c>/data/items</c>) to the array inside the document whose items are the
    /// records, read as a stream like a top-level array. Empty or null: the document itself.
    /// </summary>
    public string? Records { get; set; }

    // ----- JSON, NDJSON, XML -----

    /// <summary>The deepest nesting of JSON values or XML elements accepted.</summary>
    [Range(1, 1000)]
    public int MaxDepth { get; set; } = 64;

    /// <summary>JSON and XML output: indent.</summary>
    public bool Pretty { get; set; }

    /// <summary>Whether <paramref name="delimiter"/> is <see cref="AutoDelimiter"/> (in any case).</summary>
    public static bool IsAutoDelimiter(string? delimiter) => string.Equals(delimiter, AutoDelimiter, StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks what attributes cannot: the records pointer's syntax, and that the header columns go with their policy.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Records) && !JsonPointer.TryParse(Records, out _, out var error))
        {
            yield return new ValidationResult(error, [nameof(Records)]);
        }

        if ((HeaderPolicy == CsvHeaderPolicy.Columns) != (HeaderColumns.Count > 0))
        {
            yield return new ValidationResult(
                HeaderColumns.Count == 0
                    ? "HeaderPolicy Columns needs the list of columns in HeaderColumns."
                    : $"HeaderColumns is used only with HeaderPolicy Columns (it is {HeaderPolicy}).",
                [nameof(HeaderColumns)]);
        }
    }

    /// <summary>A shallow copy, for callers that adjust a few options per request.</summary>
    public FormatOptions Clone()
    {
        var copy = (FormatOptions)MemberwiseClone();
        copy.Columns = new Dictionary<string, ColumnType>(Columns, StringComparer.Ordinal);
        copy.ArrayPaths = [.. ArrayPaths];
        copy.HeaderColumns = [.. HeaderColumns];
        return copy;
    }
}
