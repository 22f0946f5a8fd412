namespace Gateway.Core.Routing;

/// <summary>
/// One failed message as <see cref="RecentFailures"/> keeps it: when, which message, route, input and sink, the
/// stage (<c>convert</c>, <c>encode</c>, <c>send</c>, or <c>refused</c> for a body answered 400/422 and not stored), the error, and the dead-letter sink id or file it went to
/// (null for a body refused to its sender, which is not stored).
/// </summary>
public sealed record FailureRecord(DateTimeOffset At, Guid MessageId, string Route, string Input, string? Sink, string Stage, string Error, string? DeadLetter)
{
    /// <summary>For a body refused to its sender (stage <c>refused</c>): its first 4 KiB as text; the body itself is not kept.</summary>
    public string? BodyStart { get; init; }

    /// <summary>For a body refused to its sender: its length in bytes.</summary>
    public long? BodyLength { get; init; }
}
