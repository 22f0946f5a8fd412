namespace Gateway.Core.Health;

/// <summary>
/// One running input or sink as <see cref="Health.GatewayHealth.Components"/> reports it: its kind (<c>input</c> or
/// <c>sink</c>), configured id and type (<c>Http</c>, <c>Tcp</c>, <c>Mqtt</c>, ...), state and detail.
/// </summary>
public sealed record ComponentStatus(string Kind, string Id, string Type, ComponentState State, string? Detail);
