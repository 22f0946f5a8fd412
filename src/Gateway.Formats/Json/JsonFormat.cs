using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;

namespace Gateway.Formats.Json;

/// <summary>JSON (RFC 8259), the canonical form. The elements of a top-level array are the records.</summary>
public sealed class JsonFormat : DataFormat
{
    public override string Name => FormatNames.Json;

    public override IReadOnlyList<string> MediaTypes { get; } = ["application/json", "text/json"];

    public override IReadOnlyList<string> Extensions { get; } = [".json"];

    public override IReadOnlyList<FormatOptionDescriptor> Options => JsonFormatOptions.Json;

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => new JsonRecordReader(input, options);

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => new JsonRecordWriter(output, options);
}
