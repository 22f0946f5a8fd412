using Gateway.Core.Configuration;

namespace Gateway.Formats.Csv;

/// <summary>Registers the CSV format: <c>services.AddGateway(config).AddCsvFormat()</c>.</summary>
public static class CsvGatewayBuilderExtensions
{
    /// <summary>Adds <see cref="CsvFormat"/> (name <c>Csv</c>, <c>text/csv</c>, <c>.csv</c>).</summary>
    public static IGatewayBuilder AddCsvFormat(this IGatewayBuilder builder) => builder.AddFormat(new CsvFormat());
}
