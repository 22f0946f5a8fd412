using Gateway.Admin;
using Gateway.Converters;
using Gateway.Core.Configuration;
using Gateway.Core.Plugins;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;
using Gateway.Http.Ingest;
using Gateway.Options;
using Gateway.Telemetry;
using Gateway.Transports.Amqp;
using Gateway.Transports.Consoles;
using Gateway.Transports.Files;
using Gateway.Transports.Folder;
using Gateway.Transports.Http;
using Gateway.Transports.Mqtt;
using Gateway.Transports.Nats;
using Gateway.Transports.Tcp;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Hosting;

/// <summary>
/// The one place that composes the gateway: core services, every format, the converters and plugins, the sections
/// of the host (HTTP limits, named pipelines, telemetry, admin) and the validated <see cref="GatewaySnapshot"/>.
/// The HTTP host, <c>gateway convert</c> and <c>gateway validate</c> all use it.
/// </summary>
internal static class GatewayHostServiceCollectionExtensions
{
    /// <summary>Registers everything the gateway needs; <paramref name="configuration"/> is the whole configuration.</summary>
    public static IGatewayBuilder AddGatewayHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GatewayConfiguration.SectionName);

        // The one validated configuration the services run; the route engine's table comes from it (registered
        // before AddRouteEngine, whose own registration then stands back).
        services.TryAddSingleton(sp => GatewayConfigurationValidator.Build(section, sp));
        services.TryAddSingleton(sp => sp.GetRequiredService<GatewaySnapshot>().Routes);
        services.TryAddSingleton(sp => sp.GetRequiredService<GatewaySnapshot>().Pipelines);
        var gateway = services.AddGateway(section)
            .AddSection<GatewayHttpOptions>(GatewayConfigurationValidator.HttpSection)
            .AddSection(GatewayConfigurationValidator.PipelinesSection, appliedOnReload: true) // built with the snapshot
            .AddJsonFormat()
            .AddNdjsonFormat()
            .AddXmlFormat()
            .AddCsvFormat()
            .AddBuiltInConverters()
            .AddHttpInput()
            .AddTcpTransport()
            .AddMqttTransport()
            .AddFolderTransport()
            .AddMqttBroker() // before the route engine: the broker listens before the Mqtt inputs connect
            .AddNatsTransport()
            .AddAmqpTransport()
            .AddHttpSink()
            .AddFileSink()
            .AddConsoleSink()
            .AddRouteEngine()
            .AddPlugins()
            .AddSection(TelemetryOptions.SectionName, validate: (telemetry, errors) => TelemetryOptions.Bind(telemetry, errors))
            .AddSection<AdminOptions>(AdminOptions.SectionName);
        services.TryAddSingleton<ConfigurationReloadStatus>();
        services.AddOptions<GatewayHttpOptions>()
            .Bind(section.GetSection(GatewayConfigurationValidator.HttpSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return gateway;
    }
}
