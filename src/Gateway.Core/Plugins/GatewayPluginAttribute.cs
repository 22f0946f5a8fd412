namespace Gateway.Core.Plugins;

/// <summary>
/// Names the <see cref="IGatewayPlugin"/> of a plugin assembly: <c>[assembly: GatewayPlugin(typeof(MyPlugin))]</c>.
/// The gateway reads this attribute instead of scanning the assembly's types.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GatewayPluginAttribute(Type pluginType) : Attribute
{
    /// <summary>The plugin class: public, not abstract, with a public parameterless constructor.</summary>
    public Type PluginType { get; } = pluginType ?? throw new ArgumentNullException(nameof(pluginType));
}
