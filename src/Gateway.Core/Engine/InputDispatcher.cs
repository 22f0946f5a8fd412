using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Delivery;
using Gateway.Core.Log;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.Engine;

/// <summary>
/// The <see cref="IMessageDispatcher"/> of one input: converts each message for every route that reads the input in
/// the engine's current <see cref="RouteSet"/> (which a reload may replace between two messages), reserves its room
/// in the buffer, and appends it to all those routes' logs in one commit.
/// </summary>
internal sealed class InputDispatcher(GatewayEngine engine, GatewayBuffer buffer, string inputId, EndpointCounters counters) : IMessageDispatcher
{
    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var set = engine.EnterRouteSet();
        Prepared prepared;
        try
        {
            prepared = Prepare(set, message, DispatchOptions.None);
        }
        finally
        {
            set.Exit();
        }

        // Waiting for room happens outside the route set, so a reload never waits for a full buffer to drain.
        await buffer.Budget.ReserveAsync(prepared.Bytes, cancellationToken).ConfigureAwait(false);
        return Append(message, prepared, null);
    }

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(message);
        var set = engine.EnterRouteSet();
        Prepared prepared;
        try
        {
            prepared = Prepare(set, message, options);
        }
        finally
        {
            set.Exit();
        }

        if (!buffer.Budget.TryReserve(prepared.Bytes, out refusal))
        {
            receipt = null;
            return false;
        }

        receipt = Append(message, prepared, (options & DispatchOptions.TrackDelivery) != 0 ? new DeliveryTracker(prepared.Deliveries) : null);
        return true;
    }

    private Prepared Prepare(RouteSet set, Message message, DispatchOptions options)
    {
        var routes = set.RoutesOf(inputId);
        if (routes.Count == 0)
        {
            throw new InvalidOperationException($"No route reads input '{inputId}' since the configuration was reloaded; it takes no messages until a restart removes it.");
        }

        counters.OnReceived(message.Body.Length);
        var appends = new List<(RouteLog Log, List<LogEntry> Entries)>(routes.Count);
        long records = 0, bytes = 0;
        var deliveries = 0;
        foreach (var route in routes)
        {
            var entries = route.Convert(message, (options & DispatchOptions.RefuseInvalid) != 0, out var routeRecords);
            records = Math.Max(records, routeRecords);
            deliveries += route.Deliveries(entries);
            if (entries.Count > 0)
            {
                appends.Add((route.Log, entries));
                bytes += entries.Sum(e => e.Size);
            }
        }

        return new Prepared(appends, (int)Math.Min(records, int.MaxValue), bytes, deliveries);
    }

    private MessageReceipt Append(Message message, Prepared prepared, DeliveryTracker? tracker)
    {
        if (prepared.Appends.Count == 0)
        {
            // Every route's filters dropped it: nothing to store or deliver.
            return new MessageReceipt(message.Id, prepared.Records, Task.CompletedTask, tracker?.Delivered);
        }

        if (tracker is not null)
        {
            foreach (var (_, entries) in prepared.Appends)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i] = entries[i] with { Tracker = tracker };
                }
            }
        }

        try
        {
            return new MessageReceipt(message.Id, prepared.Records, buffer.Append(prepared.Appends), tracker?.Delivered);
        }
        catch
        {
            buffer.Budget.Release(prepared.Bytes);
            throw;
        }
    }

    private sealed record Prepared(List<(RouteLog Log, List<LogEntry> Entries)> Appends, int Records, long Bytes, int Deliveries);
}
