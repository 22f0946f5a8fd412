using Gateway.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Plugins;

/// <summary>Loads the plugin assemblies listed in configuration: <c>builder.AddPlugins()</c>.</summary>
public static class PluginGatewayBuilderExtensions
{
    /// <summary>The key, within the <c>Gateway</c> section, of the list of plugin assembly paths.</summary>
    public const string PluginsKey = "Plugins";

    /// <summary>
    /// Loads every assembly listed under <c>Gateway:Plugins</c> (a list of paths to plugin <c>.dll</c> files;
    /// relative paths resolve against the current directory), each into its own <see cref="PluginLoadContext"/>,
    /// creates the <see cref="IGatewayPlugin"/> its <see cref="GatewayPluginAttribute"/> names, and calls
    /// <see cref="IGatewayPlugin.Configure"/>. Throws <see cref="GatewayConfigurationException"/> listing every
    /// problem by its config path (<c>Gateway:Plugins:0: ...</c>): a missing file, a file that is not an assembly, a
    /// missing attribute, a type that is not an <see cref="IGatewayPlugin"/>, a plugin whose <c>Configure</c> failed.
    /// </summary>
    public static IGatewayBuilder AddPlugins(this IGatewayBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSection(PluginsKey); // checked here, while composing
        var errors = new List<string>();
        var plugins = new List<(string Where, IGatewayPlugin Plugin)>();
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = builder.Configuration.GetSection(PluginsKey).GetChildren()
            .OrderBy(e => int.TryParse(e.Key, out var i) ? i : int.MaxValue);
        foreach (var entry in entries)
        {
            if (TryResolve(entry, errors) is not { } fullPath)
            {
                continue;
            }

            if (listed.TryGetValue(fullPath, out var first))
            {
                errors.Add($"{entry.Path}: plugin '{fullPath}' is already listed at {first}.");
                continue;
            }

            listed[fullPath] = entry.Path;
            if (TryCreate(entry.Path, fullPath, errors) is { } plugin)
            {
                plugins.Add((entry.Path, plugin));
            }
        }

        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException(errors);
        }

        foreach (var (where, plugin) in plugins)
        {
            Configure(where, plugin, builder);
        }

        return builder;
    }

    private static string? TryResolve(IConfigurationSection entry, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(entry.Value))
        {
            errors.Add($"{entry.Path}: expected the path of a plugin assembly (.dll).");
            return null;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(entry.Value);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add($"{entry.Path}: '{entry.Value}' is not a valid path: {ex.Message}");
            return null;
        }

        if (!File.Exists(fullPath))
        {
            errors.Add($"{entry.Path}: plugin assembly '{fullPath}' not found (relative paths resolve against the current directory, {Directory.GetCurrentDirectory()}).");
            return null;
        }

        return fullPath;
    }

    private static IGatewayPlugin? TryCreate(string where, string fullPath, List<string> errors)
    {
        try
        {
            var assembly = PluginLoader.Load(fullPath);
            var plugin = PluginLoader.CreatePlugin(assembly, out var error);
            if (plugin is null)
            {
                errors.Add($"{where}: {error}");
            }

            return plugin;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            errors.Add($"{where}: cannot load '{fullPath}' as a .NET assembly: {ex.Message}");
            return null;
        }
    }

    private static void Configure(string where, IGatewayPlugin plugin, IGatewayBuilder builder)
    {
        try
        {
            plugin.Configure(builder);
        }
#pragma warning disable CA1031 // Plugin code is third-party: whatever it throws is reported as a configuration error naming the plugin.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new GatewayConfigurationException($"{where}: plugin '{plugin.GetType().FullName}' failed to configure: {ex.Message}", ex);
        }
    }
}
