using Gateway.Core.Configuration;
using Gateway.Core.Plugins;

[assembly: GatewayPlugin(typeof(UpperCasePlugin.UpperCasePlugin))]

namespace UpperCasePlugin;

/// <summary>The plugin's entry point, named by the assembly attribute above: it registers the <c>UpperCase</c> converter.</summary>
public sealed class UpperCasePlugin : IGatewayPlugin
{
    public void Configure(IGatewayBuilder builder) => builder.AddUpperCase();
}
