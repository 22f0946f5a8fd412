using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Ndjson;
using Gateway.Formats.Xml;

namespace Gateway.Formats;

/// <summary>
/// The formats this assembly provides, for what must know their options before any service is built: the flags of
/// <c>gateway convert</c> are declared before its configuration (and so its plugins) is read.
/// </summary>
public static class BuiltInFormats
{
    /// <summary>JSON, NDJSON, XML and CSV, in the order the gateway registers them.</summary>
    public static IReadOnlyList<DataFormat> All { get; } = [new JsonFormat(), new NdjsonFormat(), new XmlFormat(), new CsvFormat()];

    /// <summary>The options of <see cref="All"/>.</summary>
    public static FormatOptionCatalog Options { get; } = new(All);
}
