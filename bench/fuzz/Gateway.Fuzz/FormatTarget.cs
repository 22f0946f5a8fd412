using System.Text.Json;
using Gateway.Core.Formats;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Fuzz;

/// <summary>
/// Fuzzes a format's reader and, through it, every writer: the input is read record by record (each record must be
/// valid JSON), then converted into each of the four formats. The first input byte chooses reader options (bits, see
/// <see cref="Options"/>), so the corpus covers record elements, strict XML, headerless CSV and the like; the rest is
/// the document. <see cref="FormatReadException"/> is the expected answer to bad input; anything else is a finding.
/// </summary>
internal static class FormatTarget
{
    private static readonly DataFormat[] Writers = [new JsonFormat(), new NdjsonFormat(), new XmlFormat(), new CsvFormat()];

    public static void Json(Stream input) => Run(Writers[0], input);

    public static void Ndjson(Stream input) => Run(Writers[1], input);

    public static void Xml(Stream input) => Run(Writers[2], input);

    public static void Csv(Stream input) => Run(Writers[3], input);

    private static void Run(DataFormat from, Stream input)
    {
        var bytes = FuzzPipe.ReadAll(input);
        if (bytes.Length == 0)
        {
            return;
        }

        var options = Options(bytes[0]);
        var body = bytes.AsMemory(1);
        if (!ReadsValidJson(from, body, options))
        {
            return;
        }

        foreach (var to in Writers)
        {
            try
            {
                FormatConverter.Convert(body, from, to, options, out _);
            }
            catch (FormatReadException)
            {
                // A record the target format cannot express (a lone surrogate in CSV, a key XML cannot name, ...).
            }
        }
    }

    private static bool ReadsValidJson(DataFormat from, ReadOnlyMemory<byte> body, FormatOptions options)
    {
        try
        {
            using var stream = new ReadOnlyMemoryStream(body);
            using var reader = from.CreateReader(stream, options);
            while (reader.TryRead(out var record))
            {
                // Canonical JSON is the contract between readers and everything after them.
                using var document = JsonDocument.Parse(record, new JsonDocumentOptions { MaxDepth = 2 * (options.MaxDepth + 2) });
            }

            return true;
        }
        catch (FormatReadException)
        {
            return false;
        }
    }

    /// <summary>Reader options from one byte: each bit turns one non-default option on.</summary>
    private static FormatOptions Options(byte bits) => new()
    {
        RecordElement = (bits & 1) != 0 ? "item" : null,
        Strict = (bits & 2) != 0,
        InferTypes = (bits & 4) != 0,
        HasHeader = (bits & 8) == 0,
        Unflatten = (bits & 16) != 0,
        Delimiter = (bits & 32) != 0 ? ";" : ",",
        ArrayPaths = (bits & 64) != 0 ? ["item", "root/item"] : [],
        MaxDepth = 16,
        MaxColumns = 256,
        MaxFieldLength = 4096,
        MaxRecordBytes = 64 * 1024,
        MaxDocumentChars = 64 * 1024,
    };
}
