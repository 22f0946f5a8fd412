using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Nats;

/// <summary>Registers the NATS input and sink types (<c>"Type": "Nats"</c>): <c>services.AddGateway(config).AddNatsTransport()</c>.</summary>
public static class NatsTransportGatewayBuilderExtensions
{
    /// <summary>The type name of the NATS input and sink in configuration.</summary>
    public const string TypeName = "Nats";

    /// <summary>How many batches a Nats sink has outstanding unless its <c>MaxInFlightBatches</c> says otherwise.</summary>
    public const int DefaultInFlightBatches = 4;

    public static IGatewayBuilder AddNatsTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInput<NatsInputOptions>(TypeName, (options, context) => new NatsInput(options, context));
        // A sink waits a round trip for each batch's acknowledgements (the stream's, or a PING's); batches overlap
        // those waits. The connection takes concurrent publishes, and JetStream drops a retried duplicate by its id.
        builder.AddSink<NatsSinkOptions>(TypeName, (options, context) => new NatsSink(options, context), inFlightBatches: DefaultInFlightBatches);
        return builder;
    }
}
