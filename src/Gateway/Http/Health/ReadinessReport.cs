namespace Gateway.Http.Health;

/// <summary>The answer of <c>GET /readyz</c>: <c>Ready</c> (200) or <c>NotReady</c> (503), and every component's state.</summary>
/// <param name="Status"><c>Ready</c> when every component is <c>Up</c> or <c>Degraded</c>; <c>NotReady</c> otherwise.</param>
/// <param name="Components">Every input, sink and broker, inputs first.</param>
public sealed record ReadinessReport(string Status, IReadOnlyList<ComponentReport> Components);
