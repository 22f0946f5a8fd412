using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Routing;
using Gateway.Http.Ingest;

namespace Gateway.Hosting;

/// <summary>
/// Checks the <c>Gateway</c> section as a whole and reports every problem by its config path: unknown sections (the
/// known ones are those the composed components registered, <see cref="GatewaySectionRegistration"/>), each
/// registered section, plugins (loaded while composing), every named converter pipeline and the route table. What it
/// validated is the <see cref="GatewaySnapshot"/> the services run.
/// </summary>
internal static class GatewayConfigurationValidator
{
    public const string HttpSection = "Http";

    public const string PipelinesSection = "Pipelines";

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
            provider.GetRequiredService<GatewaySnapshot>();
            return [];
        }
        catch (GatewayConfigurationException ex)
        {
            return ex.Errors.Count > 0 ? ex.Errors : [ex.Message];
        }
    }

    /// <summary>The <c>Gateway</c> sections the components composed into <paramref name="services"/> understand, in registration order.</summary>
    public static IReadOnlyList<GatewaySectionRegistration> Sections(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return [.. services.GetServices<GatewaySectionRegistration>().DistinctBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Validates <paramref name="gateway"/> (the <c>Gateway</c> section) against the composed <paramref name="services"/>
    /// and hands out what it built (non-null exactly when there is no problem), so what runs is what was validated.
    /// </summary>
    public static IReadOnlyList<string> Validate(IConfigurationSection gateway, IServiceProvider services, out GatewaySnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(services);
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(gateway.Value))
        {
            errors.Add($"{gateway.Path}: expected an object, found '{gateway.Value}'.");
        }

        var sections = Sections(services);
        foreach (var child in gateway.GetChildren())
        {
            if (!sections.Any(s => string.Equals(s.Name, child.Key, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{child.Path}: unknown section '{child.Key}'. Known sections: {string.Join(", ", sections.Select(s => s.Name))}.");
            }
        }

        foreach (var section in sections)
        {
            section.Validate?.Invoke(gateway.GetSection(section.Name), errors);
        }

        var pipelines = NamedPipelines.Build(gateway.GetSection(PipelinesSection), services.GetRequiredService<ConverterCatalog>(), errors);
        var table = services.GetRequiredService<RouteTableBuilder>().TryBuild(gateway, errors);
        if (table is not null)
        {
            errors.AddRange(IngestApi.PathConflicts(table));
        }

        snapshot = errors.Count == 0 ? new GatewaySnapshot(table!, pipelines) : null;
        return errors;
    }

    /// <summary>Validates <paramref name="gateway"/>; the snapshot, or a <see cref="GatewayConfigurationException"/> listing every problem.</summary>
    public static GatewaySnapshot Build(IConfigurationSection gateway, IServiceProvider services)
        => Validate(gateway, services, out var snapshot) is { Count: > 0 } errors ? throw new GatewayConfigurationException(errors) : snapshot!;
}
