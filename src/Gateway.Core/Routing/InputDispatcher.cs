using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// The <see cref="IMessageDispatcher"/> of one input: queues each message into every route that reads the input in
/// the engine's current <see cref="RouteSet"/>, which a reload may replace between two messages.
/// </summary>
internal sealed class InputDispatcher(GatewayEngine engine, string inputId, EndpointCounters counters) : IMessageDispatcher
{
    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var set = engine.EnterRouteSet();
        try
        {
            var routes = RoutesOf(set);
            for (var i = 0; i < routes.Count; i++)
            {
                try
                {
                    await routes[i].ReserveAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Unreserve(routes, i);
                    throw;
                }
            }

            return Enqueue(message, routes);
        }
        finally
        {
            set.Exit();
        }
    }

    public bool TryDispatch(Message message, [NotNullWhen(true)] out MessageReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(message);
        var set = engine.EnterRouteSet();
        try
        {
            var routes = RoutesOf(set);
            for (var i = 0; i < routes.Count; i++)
            {
                if (!routes[i].TryReserve())
                {
                    Unreserve(routes, i);
                    receipt = null;
                    return false;
                }
            }

            receipt = Enqueue(message, routes);
            return true;
        }
        finally
        {
            set.Exit();
        }
    }

    private IReadOnlyList<RouteRuntime> RoutesOf(RouteSet set)
    {
        var routes = set.RoutesOf(inputId);
        return routes.Count > 0 ? routes
            : throw new InvalidOperationException($"No route reads input '{inputId}' since the configuration was reloaded; it takes no messages until a restart removes it.");
    }

    private MessageReceipt Enqueue(Message message, IReadOnlyList<RouteRuntime> routes)
    {
        counters.OnReceived(message.Body.Length);
        var tracker = new DeliveryTracker(message, routes.Count);
        foreach (var route in routes)
        {
            if (!route.Enqueue(message, tracker))
            {
                throw new InvalidOperationException("The gateway is stopping and takes no more messages.");
            }
        }

        return tracker.Receipt;
    }

    private static void Unreserve(IReadOnlyList<RouteRuntime> routes, int count)
    {
        for (var i = 0; i < count; i++)
        {
            routes[i].Unreserve();
        }
    }
}
