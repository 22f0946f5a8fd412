using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;

namespace Gateway.Formats.Ndjson;

/// <summary>Newline-delimited JSON: one JSON value per line, each a record.</summary>
public sealed class NdjsonFormat : DataFormat
{
    public override string Name => FormatNames.Ndjson;

    public override IReadOnlyList<string> MediaTypes { get; } = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];

    public override IReadOnlyList<string> Extensions { get; } = [".ndjson", ".jsonl"];

    public override IReadOnlyList<FormatOptionDescriptor> Options => Json.JsonFormatOptions.Ndjson;

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => new NdjsonRecordReader(input, options);

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => new NdjsonRecordWriter(output, options);
}
