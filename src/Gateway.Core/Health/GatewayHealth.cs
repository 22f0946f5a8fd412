using Gateway.Core.Engine;
using Gateway.Core.Routing;

namespace Gateway.Core.Health;

/// <summary>The state of every running input and sink, for <c>/readyz</c> and the dashboard.</summary>
public static class GatewayHealth
{
    /// <summary>Every running input and sink with its state; components that do not report one are <see cref="ComponentState.Up"/>.</summary>
    public static IReadOnlyList<ComponentStatus> Components(this GatewayEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var table = engine.Table;
        var sinks = engine.Sinks;
        var stopped = engine.IsStopped;
        var result = new List<ComponentStatus>(engine.Inputs.Count + sinks.Count);
        foreach (var (id, input) in engine.Inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("input", id, engine.InputDefinitions[id].Type, input));
        }

        foreach (var (id, sink) in sinks.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("sink", id, table.Sinks[id].Type, sink));
        }

        return result;

        ComponentStatus Status(string kind, string id, string type, object component)
        {
            var health = component is IHealthReporter reporter ? reporter.Health
                : kind == "sink" ? SinkHealth(engine.Counters.Get(EndpointKind.Sink, id))
                : ComponentHealth.Up();
            return new ComponentStatus(kind, id, type, stopped ? ComponentState.Down : health.State, stopped ? "stopped" : health.Detail);
        }
    }

    /// <summary>A sink that does not report its own health is reachable unless its last attempt failed.</summary>
    private static ComponentHealth SinkHealth(EndpointCounters counters)
        => counters.LastError is { } error ? ComponentHealth.Down($"last attempt failed: {error}")
            : ComponentHealth.Up(counters.Attempted ? null : "no delivery yet");
}
