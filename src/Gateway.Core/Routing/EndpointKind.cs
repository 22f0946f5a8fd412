namespace Gateway.Core.Routing;

/// <summary>What a set of counters belongs to.</summary>
public enum EndpointKind
{
    Input,
    Route,
    Sink,
}
