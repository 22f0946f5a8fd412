using System.Collections.Concurrent;
using System.Reflection;

namespace Gateway.Core.Plugins;

/// <summary>
/// Loads plugin assemblies, each into its own <see cref="PluginLoadContext"/>, once per process: load contexts are
/// not collectible, so a second host built in the same process (tests, <c>gateway validate</c>) reuses the first load.
/// </summary>
internal static class PluginLoader
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Loads the assembly at <paramref name="fullPath"/>; throws what the runtime throws for a bad file.</summary>
    public static Assembly Load(string fullPath)
    {
        var lazy = Loaded.GetOrAdd(fullPath, path => new Lazy<Assembly>(() => new PluginLoadContext(path).LoadFromAssemblyPath(path)));
        try
        {
            return lazy.Value;
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            // Forget the failure, so a fixed file is picked up by the next attempt.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<Assembly>>(fullPath, lazy));
            throw;
        }
    }

    /// <summary>
    /// Finds and creates the plugin named by the assembly's <see cref="GatewayPluginAttribute"/>, or returns null
    /// with an error that says what is wrong.
    /// </summary>
    public static IGatewayPlugin? CreatePlugin(Assembly assembly, out string? error)
    {
        GatewayPluginAttribute? attribute;
        try
        {
            attribute = assembly.GetCustomAttribute<GatewayPluginAttribute>();
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            error = $"cannot read the [assembly: GatewayPlugin] attribute of '{assembly.GetName().Name}': {ex.Message}";
            return null;
        }

        if (attribute is null)
        {
            error = $"assembly '{assembly.GetName().Name}' has no [assembly: GatewayPlugin(typeof(...))] attribute naming its entry point.";
            return null;
        }

        var type = attribute.PluginType;
        if (!typeof(IGatewayPlugin).IsAssignableFrom(type))
        {
            error = $"type '{type.FullName}' named by [assembly: GatewayPlugin] does not implement {typeof(IGatewayPlugin).FullName}.";
            return null;
        }

        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            error = $"type '{type.FullName}' named by [assembly: GatewayPlugin] needs to be a concrete class with a public parameterless constructor.";
            return null;
        }

        try
        {
            error = null;
            return (IGatewayPlugin)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex)
        {
            error = $"the constructor of '{type.FullName}' failed: {ex.InnerException?.Message ?? ex.Message}";
            return null;
        }
    }
}
