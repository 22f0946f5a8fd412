using Gateway.Core.Configuration;

namespace Gateway.Core.Plugins;

/// <summary>
/// The entry point of a plugin assembly, named by <see cref="GatewayPluginAttribute"/>. The gateway creates it with
/// its public parameterless constructor and calls <see cref="Configure"/> once, at startup, before any pipeline is
/// built; the plugin registers its converters (formats, ...) with the same <c>AddX</c> methods the host uses.
/// </summary>
public interface IGatewayPlugin
{
    /// <summary>Registers what the plugin brings, for example <c>builder.AddConverter&lt;MyOptions&gt;("My", ...)</c>.</summary>
    void Configure(IGatewayBuilder builder);
}
