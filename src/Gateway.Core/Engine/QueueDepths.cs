namespace Gateway.Core.Engine;

/// <summary>How many messages wait in each route's log, and for each of its sinks.</summary>
public static class EngineQueues
{
    /// <summary>
    /// By route id: the messages in its log some sink has not done (<c>Sink</c> null), and per sink the messages that
    /// sink has not done (a route a reload replaced counts with its successor).
    /// </summary>
    public static IReadOnlyList<(string Route, string? Sink, long Depth)> QueueDepths(this GatewayEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var depths = new List<(string Route, string? Sink, long Depth)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in engine.Routes())
        {
            if (!seen.Add(route.Id))
            {
                continue; // the same log: counted once
            }

            depths.Add((route.Id, null, route.Depth));
            depths.AddRange(route.Readers.Select(r => (route.Id, (string?)r.SinkId, r.Unread)));
        }

        return depths;
    }
}
