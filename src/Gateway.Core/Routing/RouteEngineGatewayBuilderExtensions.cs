using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.DeadLetters;
using Gateway.Core.Engine;
using Gateway.Core.Formats;
using Gateway.Core.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Routing;

/// <summary>Registers the route engine: its sections, the validated route table, counters, the buffer (<c>Gateway:Buffer</c>), dead letters and the hosted <see cref="GatewayEngine"/>.</summary>
public static class RouteEngineGatewayBuilderExtensions
{
    public static IGatewayBuilder AddRouteEngine(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddSection(RouteTableBuilder.InputsSection, appliedOnReload: true) // the engine reports which inputs changed
            .AddSection(RouteTableBuilder.SinksSection, appliedOnReload: true)
            .AddSection(RouteTableBuilder.RoutesSection, appliedOnReload: true)
            .AddSection<DeadLetterOptions>(DeadLetterOptions.SectionName)
            .AddSection<BufferOptions>(BufferOptions.SectionName);
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
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DeadLetterOptions>>().Value;
            return new DeadLetterFolder(options.Folder, sp.GetRequiredService<FormatRegistry>(), options.MaxBytes);
        });
        services.AddOptions<BufferOptions>()
            .Bind(configuration.GetSection(BufferOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new GatewayBuffer(sp.GetRequiredService<IOptions<BufferOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Buffer")));
        services.TryAddSingleton<GatewayEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayEngine>());
        return builder;
    }
}
