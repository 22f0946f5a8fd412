using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core.Configuration;

/// <summary>
/// What the <c>AddX()</c> extension methods (formats, converters, transports, plugins) register into.
/// Returned by <see cref="GatewayServiceCollectionExtensions.AddGateway"/>.
/// </summary>
public interface IGatewayBuilder
{
    IServiceCollection Services { get; }

    /// <summary>The <c>Gateway</c> configuration section.</summary>
    IConfiguration Configuration { get; }
}
