namespace Gateway.Http.Health;

/// <summary>One component in <see cref="ReadinessReport"/>.</summary>
/// <param name="Kind"><c>input</c>, <c>sink</c> or <c>broker</c>.</param>
/// <param name="Id">The configured id (<c>mqtt</c> for the embedded broker).</param>
/// <param name="Type">The configured type: <c>Http</c>, <c>Tcp</c>, <c>Mqtt</c>, <c>File</c>, <c>Console</c>, ...</param>
/// <param name="State"><c>Starting</c>, <c>Up</c>, <c>Degraded</c> or <c>Down</c>.</param>
/// <param name="Detail">What a person should know: the address it listens on, the last error, ...</param>
public sealed record ComponentReport(string Kind, string Id, string Type, string State, string? Detail);
