using Gateway.Admin;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.DeadLetters;
using Gateway.Core.Log;
using Gateway.Core.Plugins;
using Gateway.Core.Routing;
using Gateway.Http.Ingest;
using Gateway.Options;
using Gateway.Telemetry;
using Gateway.Transports.Mqtt;

namespace Gateway.Hosting;

/// <summary>
/// Checks the <c>Gateway</c> section as a whole and reports every problem by its config path: unknown sections,
/// the HTTP limits, plugins (loaded while composing) and every named converter pipeline.
/// </summary>
internal static class GatewayConfigurationValidator
{
    public const string HttpSection = "Http";

    public const string PipelinesSection = "Pipelines";

    /// <summary>The sections the gateway understands so far.</summary>
    public static IReadOnlyList<string> KnownSections { get; } =
    [
        HttpSection,
        PipelinesSection,
        PluginGatewayBuilderExtensions.PluginsKey,
        RouteTableBuilder.InputsSection,
        RouteTableBuilder.SinksSection,
        RouteTableBuilder.RoutesSection,
        DeadLetterOptions.SectionName,
        BufferOptions.SectionName,
        MqttBrokerOptions.SectionName,
        TelemetryOptions.SectionName,
        AdminOptions.SectionName,
    ];

    /// <summary>Composes the gateway from <paramref name="configuration"/> and validates it; returns every problem.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        services.AddLogging();
        try
        {
            services.AddGatewayHost(configuration);
            using var provider = services.BuildServiceProvider();
            return Validate(configuration.GetSection(GatewayConfiguration.SectionName), provider);
        }
        catch (GatewayConfigurationException ex)
        {
            return ex.Errors.Count > 0 ? ex.Errors : [ex.Message];
        }
    }

    /// <summary>Validates <paramref name="gateway"/> (the <c>Gateway</c> section) against the composed <paramref name="services"/>.</summary>
    public static IReadOnlyList<string> Validate(IConfigurationSection gateway, IServiceProvider services)
        => Validate(gateway, services, out _, out _);

    /// <summary>
    /// Validates <paramref name="gateway"/> and hands out the route table and named pipelines it built on the way
    /// (both non-null when there is no problem), so a reload applies exactly what was validated.
    /// </summary>
    public static IReadOnlyList<string> Validate(IConfigurationSection gateway, IServiceProvider services, out RouteTable? table, out NamedPipelines? pipelines)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(services);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(gateway.Value))
        {
            errors.Add($"{gateway.Path}: expected an object, found '{gateway.Value}'.");
        }

        foreach (var child in gateway.GetChildren())
        {
            if (!KnownSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{child.Path}: unknown section '{child.Key}'. Known sections: {string.Join(", ", KnownSections)}.");
            }
        }

        OptionsBinder.Bind(typeof(GatewayHttpOptions), gateway.GetSection(HttpSection), errors);
        pipelines = NamedPipelines.Build(gateway.GetSection(PipelinesSection), services.GetRequiredService<ConverterCatalog>(), errors);
        OptionsBinder.Bind(typeof(DeadLetterOptions), gateway.GetSection(DeadLetterOptions.SectionName), errors);
        OptionsBinder.Bind(typeof(BufferOptions), gateway.GetSection(BufferOptions.SectionName), errors);
        OptionsBinder.Bind(typeof(MqttBrokerOptions), gateway.GetSection(MqttBrokerOptions.SectionName), errors);
        TelemetryOptions.Bind(gateway.GetSection(TelemetryOptions.SectionName), errors);
        OptionsBinder.Bind(typeof(AdminOptions), gateway.GetSection(AdminOptions.SectionName), errors);
        table = services.GetRequiredService<RouteTableBuilder>().TryBuild(gateway, errors);
        if (table is not null)
        {
            errors.AddRange(IngestApi.PathConflicts(table));
        }

        if (errors.Count > 0)
        {
            (table, pipelines) = (null, null);
        }

        return errors;
    }
}
