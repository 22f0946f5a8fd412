using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The validator builds the one <see cref="GatewaySnapshot"/> the services use, and the sections it knows are the
/// ones the composed components registered.
/// </summary>
public sealed class GatewaySnapshotTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Gateway:Inputs:in:Type"] = "Http",
        ["Gateway:Inputs:in:Path"] = "/ingest/in",
        ["Gateway:Sinks:out:Type"] = "Console",
        ["Gateway:Routes:r:Input"] = "in",
        ["Gateway:Routes:r:Sinks:0"] = "out",
        ["Gateway:Pipelines:clean:0:Type"] = "Rename",
        ["Gateway:Pipelines:clean:0:Map:a"] = "b",
    };

    [Fact]
    public void The_route_table_and_pipelines_the_services_use_are_the_validated_snapshot()
    {
        using var provider = Compose(Settings, _ => { });

        var snapshot = provider.GetRequiredService<GatewaySnapshot>();

        Assert.Same(snapshot.Routes, provider.GetRequiredService<RouteTable>());
        Assert.Same(snapshot.Pipelines, provider.GetRequiredService<NamedPipelines>());
        Assert.Equal(["r"], snapshot.Routes.Routes.Keys);
        Assert.Equal(["clean"], snapshot.Pipelines.Names);
    }

    [Fact]
    public void An_invalid_configuration_gives_no_snapshot_but_every_problem()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Gateway:Routes:r:Sinks:0"] = "missing", ["Gateway:Buffer:Nope"] = "1" };
        using var provider = Compose(settings, _ => { });

        var errors = GatewayConfigurationValidator.Validate(provider.GetRequiredService<IConfiguration>().GetSection("Gateway"), provider, out var snapshot);

        Assert.Null(snapshot);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Gateway:Buffer:Nope: ", errors[0], StringComparison.Ordinal);
        Assert.Equal("Gateway:Routes:r:Sinks:0: unknown sink 'missing'. Known sinks: out.", errors[1]);
        var thrown = Assert.Throws<GatewayConfigurationException>(provider.GetRequiredService<GatewaySnapshot>);
        Assert.Equal(errors, thrown.Errors);
    }

    [Fact]
    public void A_section_is_known_only_when_a_component_registered_it()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Gateway:Custom:Enabled"] = "true" };

        using (var without = Compose(settings, _ => { }))
        {
            var error = Assert.Single(GatewayConfigurationValidator.Validate(without.GetRequiredService<IConfiguration>().GetSection("Gateway"), without, out _));
            Assert.Equal(
                "Gateway:Custom: unknown section 'Custom'. Known sections: Http, Pipelines, MqttBroker, Inputs, Sinks, Routes, DeadLetters, Buffer, Plugins, Telemetry, Admin.",
                error);
        }

        using var with = Compose(settings, gateway => gateway.AddSection<CustomOptions>("Custom"));
        Assert.Empty(GatewayConfigurationValidator.Validate(with.GetRequiredService<IConfiguration>().GetSection("Gateway"), with, out var snapshot));
        Assert.NotNull(snapshot);
        Assert.Contains(GatewayConfigurationValidator.Sections(with), s => s.Name == "Custom" && !s.AppliedOnReload);
    }

    private static ServiceProvider Compose(Dictionary<string, string?> settings, Action<IGatewayBuilder> extra)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        extra(services.AddGatewayHost(configuration));
        return services.BuildServiceProvider();
    }

    /// <summary>A plugin's own section.</summary>
    public sealed class CustomOptions
    {
        public bool Enabled { get; set; }
    }
}
