namespace Gateway.Core.Health;

/// <summary>
/// Implemented by inputs and sinks that know whether they are listening, connected or reachable; read by
/// <c>/readyz</c> and the dashboard. A component that does not implement it counts as <see cref="ComponentState.Up"/>
/// once the engine started it. Reading <see cref="Health"/> must be cheap and never block or do I/O.
/// </summary>
public interface IHealthReporter
{
    ComponentHealth Health { get; }
}
