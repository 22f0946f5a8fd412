using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Core.Messages;

namespace Gateway.Formats.Csv;

/// <summary>
/// CSV (RFC 4180): a sequence of rows read as JSON objects keyed by the header, and JSON objects written as rows,
/// nested values flattened to dotted headers. The conventions are in <c>docs/formats-csv.md</c>.
/// </summary>
public sealed class CsvFormat : DataFormat
{
    public override string Name => FormatNames.Csv;

    public override IReadOnlyList<string> MediaTypes { get; } = ["text/csv", "application/csv"];

    public override IReadOnlyList<string> Extensions { get; } = [".csv", ".tsv"];

    public override IReadOnlyList<FormatOptionDescriptor> Options => CsvFormatOptions.All;

    public override IRecordReader CreateReader(Stream input, FormatOptions options) => new CsvRecordReader(input, options);

    public override IRecordWriter CreateWriter(Stream output, FormatOptions options) => new CsvRecordWriter(output, options);
}
