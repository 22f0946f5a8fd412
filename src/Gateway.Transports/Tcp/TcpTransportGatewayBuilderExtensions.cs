using Gateway.Core.Configuration;
using Gateway.Core.Routing;

namespace Gateway.Transports.Tcp;

/// <summary>Registers the <c>Tcp</c> input and sink types: <c>services.AddGateway(config).AddTcpTransport()</c>.</summary>
public static class TcpTransportGatewayBuilderExtensions
{
    /// <summary>The type name of the TCP input and sink in configuration.</summary>
    public const string TypeName = "Tcp";

    public static IGatewayBuilder AddTcpTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInput<TcpInputOptions>(TypeName, (options, context) => new TcpInput(options, context));
        builder.AddSink<TcpSinkOptions>(TypeName, (options, context) => new TcpSink(options, context));
        return builder;
    }
}
