using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core.Configuration;

/// <summary>The default <see cref="IGatewayBuilder"/>.</summary>
public sealed class GatewayBuilder(IServiceCollection services, IConfiguration configuration) : IGatewayBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
