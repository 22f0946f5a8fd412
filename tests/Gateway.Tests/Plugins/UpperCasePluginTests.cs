using System.Runtime.Loader;
using Gateway.Core.Configuration;
using Gateway.Core.Converters;
using Gateway.Core.Plugins;
using Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using static Gateway.Tests.Support.ConverterTestHost;

namespace Gateway.Tests.Plugins;

public sealed class UpperCasePluginTests(UpperCasePluginBuild build) : IClassFixture<UpperCasePluginBuild>
{
    private static ConverterTestHost Host(string pluginPath)
    {
        var gateway = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Plugins:0"] = pluginPath })
            .Build()
            .GetSection("Gateway");
        return new ConverterTestHost(gateway, builder => builder.AddPlugins());
    }

    [Fact]
    public void The_build_output_does_not_carry_gateway_core()
    {
        Assert.True(File.Exists(build.PluginPath), build.BuildOutput);
        Assert.False(File.Exists(Path.Combine(build.OutputDirectory, "Gateway.Core.dll")));
    }

    [Fact]
    public void Building_the_sample_writes_nothing_beside_its_sources()
    {
        Assert.False(build.WroteBesideSources);
    }

    [Fact]
    public void The_solution_does_not_include_the_sample()
    {
        var solution = File.ReadAllText(Path.Combine(build.RepositoryRoot, "Gateway.sln"));
        Assert.DoesNotContain("UpperCasePlugin", solution, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_plugin_converter_runs_in_a_pipeline_built_by_the_catalog()
    {
        using var host = Host(build.PluginPath);
        Assert.Contains("UpperCase", host.Catalog.Types);

        var pipeline = host.Build("""
            [ { "Type": "UpperCase", "Paths": [ "/name", "/tags", "/address/city" ] },
              { "Type": "Rename", "Map": { "name": "NAME" } } ]
            """);

        Assert.Equal(
            Compact("""[{"NAME":"ANN","tags":["A","B",3],"address":{"city":"LYON","street":"rue x"},"note":"keep"},{"NAME":"BOB"}]"""),
            RunOne(pipeline, """[{"name":"Ann","tags":["a","b",3],"address":{"city":"Lyon","street":"rue x"},"note":"keep"},{"name":"bob"}]"""));
    }

    [Fact]
    public void The_plugin_lives_in_its_own_load_context_and_shares_the_core_types()
    {
        using var host = Host(build.PluginPath);
        var registration = host.Catalog.Registrations["UpperCase"];
        var pluginContext = AssemblyLoadContext.GetLoadContext(registration.OptionsType.Assembly);
        var context = Assert.IsType<PluginLoadContext>(pluginContext);
        Assert.Equal(build.PluginPath, context.PluginPath);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(IMessageConverter).Assembly));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Gateway.Core");
    }

    [Fact]
    public void A_relative_plugin_path_resolves_against_the_current_directory()
    {
        using var host = Host(Path.GetRelativePath(Directory.GetCurrentDirectory(), build.PluginPath));
        Assert.Contains("UpperCase", host.Catalog.Types);
    }

    [Fact]
    public void Plugin_options_are_validated_by_config_path()
    {
        using var host = Host(build.PluginPath);
        var errors = host.Errors("""[ { "Type": "UpperCase", "Paths": [ "/ok", "name" ] } ]""");
        Assert.Equal($"{StepsPath}:0:Paths:1: 'name' is not a JSON Pointer: it must start with '/' (for example /address/zip).", Assert.Single(errors));
    }

    [Fact]
    public void Listing_the_plugin_twice_is_an_error()
    {
        var gateway = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Plugins:0"] = build.PluginPath, ["Gateway:Plugins:1"] = build.PluginPath })
            .Build()
            .GetSection("Gateway");
        var ex = Assert.Throws<GatewayConfigurationException>(() => new ConverterTestHost(gateway, builder => builder.AddPlugins()));
        Assert.Equal($"Gateway:Plugins:1: plugin '{build.PluginPath}' is already listed at Gateway:Plugins:0.", Assert.Single(ex.Errors));
    }
}
