using Gateway.Core.Configuration;
using Gateway.Formats.Ndjson;

namespace Gateway.Formats.Json;

/// <summary>Registers the JSON and NDJSON formats.</summary>
public static class JsonGatewayBuilderExtensions
{
    public static IGatewayBuilder AddJsonFormat(this IGatewayBuilder builder) => builder.AddFormat(new JsonFormat());

    public static IGatewayBuilder AddNdjsonFormat(this IGatewayBuilder builder) => builder.AddFormat(new NdjsonFormat());
}
