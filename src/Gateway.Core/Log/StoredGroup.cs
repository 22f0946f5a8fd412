namespace Gateway.Core.Log;

/// <summary>A commit group as the store lists it at start: its id, route, message count and size (not its messages).</summary>
internal readonly record struct StoredGroup(long Id, string Route, int Count, long Bytes);
