using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Consoles;

/// <summary>Registers the <c>Console</c> sink: <c>services.AddGateway(config).AddConsoleSink()</c>.</summary>
public static class ConsoleSinkGatewayBuilderExtensions
{
    /// <summary>Adds the sink type <c>Console</c> (options <see cref="ConsoleSinkOptions"/>): message bodies on standard output or error.</summary>
    public static IGatewayBuilder AddConsoleSink(this IGatewayBuilder builder)
        => builder.AddSink<ConsoleSinkOptions>("Console", (options, _) => new ConsoleSink(options));
}
