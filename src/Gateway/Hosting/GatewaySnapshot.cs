using Gateway.Core.Routing;

namespace Gateway.Hosting;

/// <summary>
/// One validated <c>Gateway</c> configuration, built once by <see cref="GatewayConfigurationValidator"/>: the route
/// table (inputs, sinks, routes with their converter pipelines) and the named pipelines. The services started at
/// startup use the one the host validated, and a reload applies the one it validated; nothing is built twice.
/// </summary>
internal sealed class GatewaySnapshot(RouteTable routes, NamedPipelines pipelines)
{
    public RouteTable Routes { get; } = routes;

    public NamedPipelines Pipelines { get; } = pipelines;
}
