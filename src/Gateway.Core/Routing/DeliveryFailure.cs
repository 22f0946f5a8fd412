namespace Gateway.Core.Routing;

/// <summary>One delivery that failed.</summary>
/// <param name="Route">The route id.</param>
/// <param name="Sink">The sink id, or null when the message failed conversion before reaching any sink.</param>
/// <param name="Stage"><c>convert</c>, <c>encode</c> or <c>send</c>.</param>
/// <param name="Error">What went wrong, for a person.</param>
/// <param name="DeadLetter">Where the message went instead: a sink id or a file path; null when even that failed.</param>
public sealed record DeliveryFailure(string Route, string? Sink, string Stage, string Error, string? DeadLetter);
