using Gateway.Core.Health;

namespace Gateway.Admin;

/// <summary>The answer of <c>GET /admin/api/overview</c>: every counter, queue and component as they are now.</summary>
/// <param name="Time">When it was taken (rates are differences between two overviews).</param>
/// <param name="UptimeSeconds">Seconds since the gateway started.</param>
/// <param name="Counters">Every input's, route's and sink's totals.</param>
/// <param name="Queues">Every route's queue and every route×sink queue.</param>
/// <param name="Components">Every input and sink with its state.</param>
/// <param name="FailuresTotal">Failed messages since start.</param>
public sealed record AdminOverview(
    DateTimeOffset Time,
    double UptimeSeconds,
    IReadOnlyList<EndpointTotals> Counters,
    IReadOnlyList<QueueDepth> Queues,
    IReadOnlyList<ComponentStatus> Components,
    long FailuresTotal);
