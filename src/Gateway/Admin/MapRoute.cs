namespace Gateway.Admin;

/// <summary>A route on the route map: the input it reads, its converter steps in order, its sinks and dead-letter sink, its settings (secrets masked).</summary>
public sealed record MapRoute(string Id, string Input, IReadOnlyList<string> Steps, IReadOnlyList<string> Sinks, string? DeadLetter, IReadOnlyDictionary<string, string> Settings);
