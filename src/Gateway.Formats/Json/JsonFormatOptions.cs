using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Formats.Options;

namespace Gateway.Formats.Json;

/// <summary>The options of JSON (<see cref="JsonFormat"/>) and NDJSON (nesting and size limits).</summary>
internal static class JsonFormatOptions
{
    public static FormatOptionDescriptor Records { get; } = FormatOptionDescriptors.Parsed(
        nameof(FormatOptions.Records), "records", "--records", "JSON",
        "JSON: a JSON Pointer (/data/items) to the array inside the document whose items are the records, streamed like a top-level array.",
        "POINTER",
        (string text, out string value) =>
        {
            value = text; // FormatOptions checks the pointer's syntax, for configuration too
            return null;
        },
        (o, v) => o.Records = v);

    public static IReadOnlyList<FormatOptionDescriptor> Json { get; } = [Records, SharedFormatOptions.MaxDepth, SharedFormatOptions.Pretty, SharedFormatOptions.MaxDocumentChars];

    public static IReadOnlyList<FormatOptionDescriptor> Ndjson { get; } = [SharedFormatOptions.MaxDepth, SharedFormatOptions.MaxDocumentChars];
}
