using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Transports.Mqtt;

/// <summary>Registers the MQTT input and sink types (<c>"Type": "Mqtt"</c>) and the embedded broker.</summary>
public static class MqttTransportGatewayBuilderExtensions
{
    /// <summary>Registers the <c>Mqtt</c> input and the <c>Mqtt</c> sink.</summary>
    public static IGatewayBuilder AddMqttTransport(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInput<MqttInputOptions>("Mqtt", (options, context) => new MqttInput(options, context));
        builder.AddSink<MqttSinkOptions>("Mqtt", (options, context) => new MqttSink(options, context));
        return builder;
    }

    /// <summary>
    /// Registers the embedded broker, bound from <c>Gateway:MqttBroker</c> and validated at startup; it runs as a
    /// hosted service when <c>Enabled</c> is true. <see cref="MqttBrokerService"/> is also a singleton, so callers can
    /// read its bound <see cref="MqttBrokerService.EndPoint"/>.
    /// </summary>
    public static IGatewayBuilder AddMqttBroker(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(MqttBrokerOptions.SectionName);
        builder.AddSection<MqttBrokerOptions>(MqttBrokerOptions.SectionName);
        builder.Services.AddOptions<MqttBrokerOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MqttBrokerOptions>>(new MqttBrokerOptionsValidator(section.Path));
        builder.Services.TryAddSingleton<MqttBrokerService>();
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MqttBrokerService>());
        return builder;
    }
}
