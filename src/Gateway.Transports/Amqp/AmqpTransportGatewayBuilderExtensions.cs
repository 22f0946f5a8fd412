using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Amqp;

/// <summary>Registers the AMQP input and sink types (<c>"Type": "Amqp"</c>): <c>services.AddGateway(config).AddAmqpTransport()</c>.</summary>
public static class AmqpTransportGatewayBuilderExtensions
{
    /// <summary>The type name of the AMQP input and sink in configuration.</summary>
    public const string TypeName = "Amqp";

    public static IGatewayBuilder AddAmqpTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInput<AmqpInputOptions>(TypeName, (options, context) => new AmqpInput(options, context));
        builder.AddSink<AmqpSinkOptions>(TypeName, (options, context) => new AmqpSink(options, context));
        return builder;
    }
}
