using Gateway.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core.Routing;

/// <summary>Registration of input and sink types: the building blocks of <c>AddTcpTransport()</c>, <c>AddMqttTransport()</c>, ...</summary>
public static class TransportGatewayBuilderExtensions
{
    /// <summary>
    /// Registers an input type. Its options are bound from the input's section (every key but <c>Type</c>, <c>Format</c>
    /// and the format options) and validated at startup, DataAnnotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
    /// included, so <paramref name="create"/> gets valid options and should not need to throw.
    /// </summary>
    public static IGatewayBuilder AddInput<TOptions>(this IGatewayBuilder builder, string type, Func<TOptions, InputContext, IMessageInput> create)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        builder.Services.AddSingleton(new InputRegistration(type, typeof(TOptions), (options, context) => create((TOptions)options, context)));
        return builder;
    }

    /// <summary>
    /// Registers a sink type; options are bound and validated like an input's (see <see cref="AddInput"/>).
    /// <paramref name="inFlightBatches"/> above 1 says the sink's sends may run concurrently, and how many batches
    /// its readers keep outstanding by default (<see cref="SinkRegistration.InFlightBatches"/>).
    /// </summary>
    public static IGatewayBuilder AddSink<TOptions>(this IGatewayBuilder builder, string type, Func<TOptions, SinkContext, IMessageSink> create, int inFlightBatches = 1)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlightBatches, 1);
        builder.Services.AddSingleton(new SinkRegistration(type, typeof(TOptions), (options, context) => create((TOptions)options, context)) { InFlightBatches = inFlightBatches });
        return builder;
    }
}
