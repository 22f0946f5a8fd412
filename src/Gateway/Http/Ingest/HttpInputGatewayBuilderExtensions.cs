using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Http.Ingest;

/// <summary>Registers the <c>Http</c> input type; the host maps its paths with <see cref="IngestApi.MapIngestApi"/>.</summary>
public static class HttpInputGatewayBuilderExtensions
{
    public static IGatewayBuilder AddHttpInput(this IGatewayBuilder builder)
        => builder.AddInput<HttpInputOptions>(IngestApi.InputType, (options, context) => new HttpInput(options, context));
}
