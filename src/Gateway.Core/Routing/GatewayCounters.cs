using System.Collections.Concurrent;

namespace Gateway.Core.Routing;

/// <summary>Every input's, route's and sink's <see cref="EndpointCounters"/>; the operations surface reads them.</summary>
public sealed class GatewayCounters
{
    private readonly ConcurrentDictionary<(EndpointKind, string), EndpointCounters> _counters = new();

    /// <summary>The counters of one input, route or sink (created at zero on first use).</summary>
    public EndpointCounters Get(EndpointKind kind, string id) => _counters.GetOrAdd((kind, id), static key => new EndpointCounters(key.Item1, key.Item2));

    /// <summary>All counters, ordered by kind and id.</summary>
    public IReadOnlyList<EndpointCounters> All => [.. _counters.Values.OrderBy(c => c.Kind).ThenBy(c => c.Id, StringComparer.Ordinal)];
}
