using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Routing;

/// <summary>Registers the route engine: the validated route table, counters, dead letters and the hosted <see cref="GatewayEngine"/>.</summary>
public static class RouteEngineGatewayBuilderExtensions
{
    public static IGatewayBuilder AddRouteEngine(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton<GatewayCounters>();
        services.TryAddSingleton<RecentFailures>();
        services.TryAddSingleton(sp => new RouteTableBuilder(
            sp.GetServices<InputRegistration>(), sp.GetServices<SinkRegistration>(), sp.GetRequiredService<ConverterCatalog>(), sp.GetRequiredService<FormatRegistry>()));
        services.TryAddSingleton(sp =>
        {
            var errors = new List<string>();
            return sp.GetRequiredService<RouteTableBuilder>().TryBuild(configuration, errors) ?? throw new GatewayConfigurationException(errors);
        });
        services.AddOptions<DeadLetterOptions>()
            .Bind(configuration.GetSection(DeadLetterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new DeadLetterFolder(sp.GetRequiredService<IOptions<DeadLetterOptions>>().Value.Folder, sp.GetRequiredService<FormatRegistry>()));
        services.TryAddSingleton<GatewayEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayEngine>());
        return builder;
    }
}
