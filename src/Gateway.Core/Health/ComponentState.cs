namespace Gateway.Core.Health;

/// <summary>The state of one input, sink or broker as <c>/readyz</c> shows it.</summary>
public enum ComponentState
{
    /// <summary>Starting or connecting for the first time: not ready yet.</summary>
    Starting,

    /// <summary>Listening, connected or reachable.</summary>
    Up,

    /// <summary>Working, but something is wrong (reconnecting, recent failures): ready, with a warning.</summary>
    Degraded,

    /// <summary>Not listening, not connected or not reachable: not ready.</summary>
    Down,
}
