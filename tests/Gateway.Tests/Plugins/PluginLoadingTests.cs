using System.Reflection;
using Gateway.Core.Configuration;
using Gateway.Core.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Plugins;

public sealed class PluginLoadingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-plugins-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static GatewayConfigurationException AddPluginsFails(params string?[] paths)
    {
        var settings = paths.Select((p, i) => KeyValuePair.Create($"Gateway:Plugins:{i}", p));
        var gateway = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Gateway");
        var builder = new ServiceCollection().AddGateway(gateway);
        return Assert.Throws<GatewayConfigurationException>(() => builder.AddPlugins());
    }

    [Fact]
    public void No_plugins_listed_is_fine()
    {
        var builder = new ServiceCollection().AddGateway(new ConfigurationBuilder().Build().GetSection("Gateway"));
        Assert.Same(builder, builder.AddPlugins());
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_entry()
    {
        var missing = Path.Combine(_directory, "missing.dll");
        var ex = AddPluginsFails(missing);
        Assert.StartsWith($"Gateway:Plugins:0: plugin assembly '{missing}' not found (relative paths resolve against the current directory, ", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_an_error()
    {
        var path = Path.Combine(_directory, "text.dll");
        File.WriteAllText(path, "not an assembly");
        var ex = AddPluginsFails(path);
        Assert.StartsWith($"Gateway:Plugins:0: cannot load '{path}' as a .NET assembly: ", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_without_the_attribute_is_an_error()
    {
        var ex = AddPluginsFails(EmittedPlugins.WithoutAttribute(_directory));
        Assert.Equal(
            "Gateway:Plugins:0: assembly 'NoAttributePlugin' has no [assembly: GatewayPlugin(typeof(...))] attribute naming its entry point.",
            Assert.Single(ex.Errors));
    }

    [Fact]
    public void A_type_that_is_not_a_plugin_is_an_error()
    {
        var ex = AddPluginsFails(EmittedPlugins.NamingANonPlugin(_directory));
        Assert.Equal(
            "Gateway:Plugins:0: type 'NotAPlugin.Thing' named by [assembly: GatewayPlugin] does not implement Gateway.Core.Plugins.IGatewayPlugin.",
            Assert.Single(ex.Errors));
    }

    [Fact]
    public void An_abstract_plugin_is_an_error()
    {
        var ex = AddPluginsFails(EmittedPlugins.NamingAnAbstractPlugin(_directory));
        Assert.Equal(
            "Gateway:Plugins:0: type 'AbstractPlugin.Plugin' named by [assembly: GatewayPlugin] needs to be a concrete class with a public parameterless constructor.",
            Assert.Single(ex.Errors));
    }

    [Fact]
    public void A_plugin_whose_configure_throws_is_a_configuration_error()
    {
        var ex = AddPluginsFails(EmittedPlugins.WithThrowingPlugin(_directory));
        Assert.Equal("Gateway:Plugins:0: plugin 'ThrowingPlugin.Plugin' failed to configure: boom", Assert.Single(ex.Errors));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void Every_bad_entry_is_listed()
    {
        var ex = AddPluginsFails(Path.Combine(_directory, "a.dll"), "", EmittedPlugins.WithoutAttribute(_directory));
        Assert.Collection(
            ex.Errors,
            e => Assert.StartsWith("Gateway:Plugins:0: plugin assembly ", e, StringComparison.Ordinal),
            e => Assert.Equal("Gateway:Plugins:1: expected the path of a plugin assembly (.dll).", e),
            e => Assert.StartsWith("Gateway:Plugins:2: assembly 'NoAttributePlugin' has no", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Gateway.Core", true)]
    [InlineData("System.Text.Json", true)]
    [InlineData("System.Runtime", true)]
    [InlineData("System", true)]
    [InlineData("netstandard", true)]
    [InlineData("Microsoft.Extensions.Configuration.Abstractions", true)]
    [InlineData("Microsoft.AspNetCore.Http.Abstractions", true)]
    [InlineData("Newtonsoft.Json", false)]
    [InlineData("Gateway.Converters", false)]
    [InlineData("SystemX", false)]
    [InlineData("UpperCasePlugin", false)]
    public void Shared_assemblies_come_from_the_host(string name, bool shared)
    {
        Assert.Equal(shared, PluginLoadContext.IsShared(new AssemblyName(name)));
    }
}
