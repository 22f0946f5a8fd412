using Gateway.Converters;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Plugins;
using Gateway.Core.Routing;
using Gateway.Formats.Csv;
using Gateway.Formats.Json;
using Gateway.Formats.Xml;
using Gateway.Http.Ingest;
using Gateway.Options;
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
/// The one place that composes the gateway: core services, every format, the converters and plugins, the HTTP
/// limits and the named pipelines. The HTTP host, <c>gateway convert</c> and <c>gateway validate</c> all use it.
/// </summary>
internal static class GatewayHostServiceCollectionExtensions
{
    /// <summary>Registers everything the gateway needs; <paramref name="configuration"/> is the whole configuration.</summary>
    public static IGatewayBuilder AddGatewayHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GatewayConfiguration.SectionName);
        var gateway = services.AddGateway(section)
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
            .AddPlugins();
        services.TryAddSingleton<ConfigurationReloadStatus>();
        services.AddOptions<GatewayHttpOptions>()
            .Bind(section.GetSection(GatewayConfigurationValidator.HttpSection))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var errors = new List<string>();
            var pipelines = NamedPipelines.Build(
                section.GetSection(GatewayConfigurationValidator.PipelinesSection), sp.GetRequiredService<ConverterCatalog>(), errors);
            return errors.Count == 0 ? pipelines : throw new GatewayConfigurationException(errors);
        });
        return gateway;
    }
}
