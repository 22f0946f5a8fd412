namespace Gateway.Core.Routing;

/// <summary>The validated <c>Inputs</c>, <c>Sinks</c> and <c>Routes</c> of the configuration, keyed by id (case-insensitive).</summary>
public sealed class RouteTable
{
    public RouteTable(IReadOnlyDictionary<string, InputDefinition> inputs, IReadOnlyDictionary<string, SinkDefinition> sinks, IReadOnlyDictionary<string, RouteDefinition> routes)
    {
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Sinks = sinks ?? throw new ArgumentNullException(nameof(sinks));
        Routes = routes ?? throw new ArgumentNullException(nameof(routes));
    }

    public IReadOnlyDictionary<string, InputDefinition> Inputs { get; }

    public IReadOnlyDictionary<string, SinkDefinition> Sinks { get; }

    public IReadOnlyDictionary<string, RouteDefinition> Routes { get; }

    /// <summary>The routes that read <paramref name="inputId"/>, in id order.</summary>
    public IReadOnlyList<RouteDefinition> RoutesOf(string inputId)
        => [.. Routes.Values.Where(r => string.Equals(r.Input, inputId, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Id, StringComparer.Ordinal)];
}
