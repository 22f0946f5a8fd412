namespace Gateway.Core.Routing;

/// <summary>
/// One failed message as <see cref="RecentFailures"/> keeps it: when, which message, route, input and sink, the
/// stage (<c>convert</c>, <c>encode</c> or <c>send</c>), the error, and the dead-letter sink id or file it went to
/// (null when it is lost).
/// </summary>
public sealed record FailureRecord(DateTimeOffset At, Guid MessageId, string Route, string Input, string? Sink, string Stage, string Error, string? DeadLetter);
