using Gateway.Core.Configuration;
using Gateway.Hosting;
using Gateway.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Hosting;

public sealed class GatewayConfigurationTests
{
    private const string AppSettings = """
        { "Logging": { "LogLevel": { "Default": "Warning" } }, "Gateway": { "Http": { "MaxBodyBytes": 123 }, "Pipelines": { "a": [ { "Type": "X" } ] } } }
        """;

    [Fact]
    public void Without_config_the_embedded_defaults_apply_even_without_appsettings_file()
    {
        using var configuration = new ConfigurationManager();
        GatewayConfiguration.Apply(configuration, configFile: null);
        Assert.Equal("31457280", configuration["Gateway:Http:MaxBodyBytes"]);
    }

    [Fact]
    public void Without_config_appsettings_file_overrides_the_embedded_defaults()
    {
        using var directory = new TempDirectory();
        using var configuration = HostLike(directory);
        GatewayConfiguration.Apply(configuration, configFile: null);
        Assert.Equal("123", configuration["Gateway:Http:MaxBodyBytes"]);
    }

    [Fact]
    public void Config_file_replaces_the_gateway_section_instead_of_merging()
    {
        using var directory = new TempDirectory();
        using var configuration = HostLike(directory);
        GatewayConfiguration.Apply(configuration, directory.File("gateway.json", """{ "Gateway": {} }"""));
        Assert.Null(configuration["Gateway:Http:MaxBodyBytes"]);
        Assert.False(configuration.GetSection("Gateway:Pipelines").Exists());
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Config_file_values_apply_and_later_sources_still_override_them()
    {
        using var directory = new TempDirectory();
        using var configuration = HostLike(directory);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Http:MaxBodyBytes"] = "777" });
        GatewayConfiguration.Apply(configuration, directory.File("gateway.json", """{ "Gateway": { "Http": { "MaxBodyBytes": 5 }, "Pipelines": { "b": [] } } }"""));
        Assert.Equal("777", configuration["Gateway:Http:MaxBodyBytes"]);
        Assert.False(configuration.GetSection("Gateway:Pipelines:a").Exists());
    }

    [Fact]
    public void Missing_config_file_is_a_configuration_error()
    {
        using var directory = new TempDirectory();
        using var configuration = new ConfigurationManager();
        var error = Assert.Throws<GatewayConfigurationException>(() => GatewayConfiguration.Apply(configuration, directory.File("none.json")));
        Assert.Contains("none.json", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    private static ConfigurationManager HostLike(TempDirectory directory)
    {
        // The sources WebApplication.CreateBuilder adds: appsettings.json, then (here) an environment stand-in.
        directory.File("appsettings.json", AppSettings);
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(directory.Path);
        configuration.AddJsonFile("appsettings.json", optional: true);
        return configuration;
    }
}
