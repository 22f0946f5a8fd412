using Gateway.Core.Routing;

namespace Gateway.Core.Engine;

/// <summary>
/// One generation of the running configuration: its route table, the running routes (by the input they read) and
/// the sink instances they send to. A reload builds the next one, publishes it, then closes this one: closing waits
/// until every caller inside (an input queueing a message) has left, so no message is queued into a route after
/// the route began to drain.
/// </summary>
internal sealed class RouteSet
{
    private const int ClosedBit = 1;
    private const int OneCaller = 2;

    private readonly Dictionary<string, RouteRuntime[]> _byInput;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state; // ClosedBit, plus OneCaller per caller inside

    public RouteSet(RouteTable table, IReadOnlyList<RouteRuntime> routes, IReadOnlyDictionary<string, IMessageSink> sinks)
    {
        Table = table;
        Routes = routes;
        Sinks = sinks;
        _byInput = routes
            .GroupBy(r => r.Definition.Input, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public RouteTable Table { get; }

    /// <summary>The running routes, in id order.</summary>
    public IReadOnlyList<RouteRuntime> Routes { get; }

    /// <summary>The sink instances by sink id.</summary>
    public IReadOnlyDictionary<string, IMessageSink> Sinks { get; }

    /// <summary>The routes that read <paramref name="inputId"/>, in id order (none when no route reads it any more).</summary>
    public IReadOnlyList<RouteRuntime> RoutesOf(string inputId) => _byInput.TryGetValue(inputId, out var routes) ? routes : [];

    public RouteRuntime? Route(string routeId) => Routes.FirstOrDefault(r => string.Equals(r.Id, routeId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Enters unless the set is closed; every successful call needs one <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        var state = Volatile.Read(ref _state);
        while ((state & ClosedBit) == 0)
        {
            var seen = Interlocked.CompareExchange(ref _state, state + OneCaller, state);
            if (seen == state)
            {
                return true;
            }

            state = seen;
        }

        return false;
    }

    public void Exit()
    {
        if (Interlocked.Add(ref _state, -OneCaller) == ClosedBit)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Lets nobody in any more; completes once the callers inside have left.</summary>
    public Task CloseAsync()
    {
        if (Interlocked.Or(ref _state, ClosedBit) == 0)
        {
            _idle.TrySetResult();
        }

        return _idle.Task;
    }
}
