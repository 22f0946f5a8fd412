namespace Gateway.Admin;

/// <summary>The answer of a re-drive: the message id, where it went, and how many records the route made of it.</summary>
public sealed record RedriveResult(Guid Id, string Route, string? Sink, int Records);
