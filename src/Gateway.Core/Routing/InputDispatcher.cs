using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>The <see cref="IMessageDispatcher"/> of one input: queues each message into every route that reads it.</summary>
internal sealed class InputDispatcher(IReadOnlyList<RouteRuntime> routes, EndpointCounters counters) : IMessageDispatcher
{
    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var i = 0; i < routes.Count; i++)
        {
            try
            {
                await routes[i].ReserveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Unreserve(i);
                throw;
            }
        }

        return Enqueue(message);
    }

    public bool TryDispatch(Message message, [NotNullWhen(true)] out MessageReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var i = 0; i < routes.Count; i++)
        {
            if (!routes[i].TryReserve())
            {
                Unreserve(i);
                receipt = null;
                return false;
            }
        }

        receipt = Enqueue(message);
        return true;
    }

    private MessageReceipt Enqueue(Message message)
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

    private void Unreserve(int count)
    {
        for (var i = 0; i < count; i++)
        {
            routes[i].Unreserve();
        }
    }
}
