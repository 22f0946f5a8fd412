namespace Gateway.Admin;

/// <summary>An input or sink on the route map: its id, type, format, settings (secrets masked) and, for a sink, whether it is paused.</summary>
public sealed record MapNode(string Id, string Type, string? Format, IReadOnlyDictionary<string, string> Settings, bool Paused = false);
