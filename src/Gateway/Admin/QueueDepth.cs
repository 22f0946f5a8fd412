namespace Gateway.Admin;

/// <summary>How many messages wait in a route's queue (<paramref name="Sink"/> null) or in its queue to one sink.</summary>
public sealed record QueueDepth(string Route, string? Sink, long Depth);
