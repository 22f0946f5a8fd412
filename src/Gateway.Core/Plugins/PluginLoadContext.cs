using System.Reflection;
using System.Runtime.Loader;

namespace Gateway.Core.Plugins;

/// <summary>
/// The load context of one plugin assembly. The plugin's own dependencies resolve from its folder (through its
/// <c>.deps.json</c> when there is one), so two plugins may use different versions of the same library. Assemblies
/// the host shares with every plugin (<see cref="IsShared"/>) always come from the default context, so types such as
/// <c>IMessageConverter</c> and <c>IConfiguration</c> are the same on both sides.
/// </summary>
public sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string[] SharedNames = ["Gateway.Core", "System", "netstandard", "mscorlib", "Microsoft.CSharp", "Microsoft.VisualBasic", "WindowsBase"];
    private static readonly string[] SharedPrefixes = ["System.", "Microsoft.Extensions.", "Microsoft.AspNetCore.", "Microsoft.Win32.", "Microsoft.Net.Http."];

    private readonly AssemblyDependencyResolver _resolver;

    /// <summary>Creates the context of the plugin whose main assembly is <paramref name="pluginPath"/> (a full path).</summary>
    public PluginLoadContext(string pluginPath)
        : base($"GatewayPlugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: false)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginPath);
        PluginPath = pluginPath;
        _resolver = new AssemblyDependencyResolver(pluginPath);
    }

    /// <summary>The full path of the plugin's main assembly.</summary>
    public string PluginPath { get; }

    /// <summary>
    /// True for assemblies that come from the host: <c>Gateway.Core</c>, <c>System.*</c>, <c>Microsoft.Extensions.*</c>,
    /// <c>Microsoft.AspNetCore.*</c> and the other framework assemblies. A plugin must not ship its own copies of them
    /// (reference <c>Gateway.Core</c> with <c>ExcludeAssets=runtime</c>); if it does, they are ignored.
    /// </summary>
    public static bool IsShared(AssemblyName assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        return SharedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || SharedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null hands the request to the default context: shared assemblies, and anything the plugin does not carry.
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
