namespace Gateway.Core.Log;

/// <summary>How far one sink of one route acknowledged the route's log.</summary>
internal readonly record struct StoredCursor(string Route, string Sink, LogPosition Position);
