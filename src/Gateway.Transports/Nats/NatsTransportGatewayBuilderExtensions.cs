using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Nats;

/// <summary>Registers the NATS input and sink types (<c>"Type": "Nats"</c>): <c>services.AddGateway(config).AddNatsTransport()</c>.</summary>
public static class NatsTransportGatewayBuilderExtensions
{
    /// <summary>The type name of the NATS input and sink in configuration.</summary>
    public const string TypeName = "Nats";

    public static IGatewayBuilder AddNatsTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInput<NatsInputOptions>(TypeName, (options, context) => new NatsInput(options, context));
        builder.AddSink<NatsSinkOptions>(TypeName, (options, context) => new NatsSink(options, context));
        return builder;
    }
}
