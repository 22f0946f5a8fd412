using Gateway.Core.Configuration;

namespace UpperCasePlugin;

/// <summary>Registers the <c>UpperCase</c> converter type; usable without the plugin mechanism too.</summary>
public static class UpperCaseGatewayBuilderExtensions
{
    public static IGatewayBuilder AddUpperCase(this IGatewayBuilder builder)
        => builder.AddConverter<UpperCaseOptions>("UpperCase", (options, _) => new UpperCaseConverter(options));
}
