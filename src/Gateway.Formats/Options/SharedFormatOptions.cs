using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using static Gateway.Core.Formats.Options.FormatOptionDescriptors;

namespace Gateway.Formats.Options;

/// <summary>The options several formats read; each format lists the same descriptor, so the catalog holds it once.</summary>
internal static class SharedFormatOptions
{
    public static FormatOptionDescriptor InferTypes { get; } = Flag(
        nameof(FormatOptions.InferTypes), "inferTypes", "--infer-types", "CSV, XML -> JSON",
        "CSV and XML -> JSON: JSON number literals become numbers, true/false booleans.",
        (o, v) => o.InferTypes = v);

    public static FormatOptionDescriptor MaxDepth { get; } = Number(
        nameof(FormatOptions.MaxDepth), "maxDepth", "--max-depth", "JSON, NDJSON, XML",
        "JSON, NDJSON and XML: the deepest nesting accepted (1-1000). Default 64.",
        (o, v) => o.MaxDepth = v);

    public static FormatOptionDescriptor MaxDocumentChars { get; } = LongNumber(
        nameof(FormatOptions.MaxDocumentChars), "maxDocumentChars", "--max-document-chars", "JSON, NDJSON, XML",
        "JSON, NDJSON and XML: the largest document or record held in memory (with --record-element, the largest record), in characters. Default 67108864.",
        (o, v) => o.MaxDocumentChars = v);

    public static FormatOptionDescriptor Pretty { get; } = Flag(
        nameof(FormatOptions.Pretty), "pretty", "--pretty", "JSON, XML output",
        "JSON and XML output: indent.",
        (o, v) => o.Pretty = v);
}
