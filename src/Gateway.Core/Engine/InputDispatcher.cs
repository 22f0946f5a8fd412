using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Delivery;
using Gateway.Core.Log;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.Engine;

/// <summary>
/// The <see cref="IMessageDispatcher"/> of one input: converts each message for every route that reads the input in
/// the engine's current <see cref="RouteSet"/> (which a reload may replace between two dispatches), reserves its room
/// in the buffer, and appends it to all those routes' logs in one commit. A batch is converted in one visit of the
/// route set and reserved and appended in as few steps as the buffer's size allows.
/// </summary>
internal sealed class InputDispatcher(GatewayEngine engine, GatewayBuffer buffer, string inputId, EndpointCounters counters) : IMessageDispatcher
{
    public async ValueTask<MessageReceipt> DispatchAsync(Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prepared = Prepare([message], DispatchOptions.None)[0];

        // Waiting for room happens outside the route set, so a reload never waits for a full buffer to drain.
        await buffer.Budget.ReserveAsync(prepared.Bytes, cancellationToken).ConfigureAwait(false);
        return new MessageReceipt(message.Id, prepared.Records, Append(prepared, null), null);
    }

    public ValueTask<Task> DispatchBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
        => DispatchPartsAsync(messages, trackDelivery: false, cancellationToken);

    public ValueTask<Task> DispatchBatchUntilDeliveredAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
        => DispatchPartsAsync(messages, trackDelivery: true, cancellationToken);

    private async ValueTask<Task> DispatchPartsAsync(IReadOnlyList<Message> messages, bool trackDelivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return Task.CompletedTask;
        }

        var parts = Prepare(messages, DispatchOptions.None);
        var done = new Task[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            await buffer.Budget.ReserveAsync(parts[i].Bytes, cancellationToken).ConfigureAwait(false);
            if (trackDelivery)
            {
                var tracker = new DeliveryTracker(parts[i].Deliveries);
                done[i] = CommittedThenDelivered(Append(parts[i], tracker), tracker.Delivered);
            }
            else
            {
                done[i] = Append(parts[i], null);
            }
        }

        return done.Length == 1 ? done[0] : Task.WhenAll(done);
    }

    /// <summary>Faults when the commit failed (the tracker then never completes); otherwise completes once delivered.</summary>
    private static async Task CommittedThenDelivered(Task committed, Task delivered)
    {
        await committed.ConfigureAwait(false);
        await delivered.ConfigureAwait(false);
    }

    public bool TryDispatch(Message message, DispatchOptions options, [NotNullWhen(true)] out MessageReceipt? receipt, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prepared = Prepare([message], options)[0];
        if (!buffer.Budget.TryReserve(prepared.Bytes, out refusal))
        {
            receipt = null;
            return false;
        }

        var tracker = (options & DispatchOptions.TrackDelivery) != 0 ? new DeliveryTracker(prepared.Deliveries) : null;
        receipt = new MessageReceipt(message.Id, prepared.Records, Append(prepared, tracker), tracker?.Delivered);
        return true;
    }

    /// <summary>
    /// Converts <paramref name="messages"/> for every route of the input: the entries to append, in parts of at most
    /// half the buffer each (a part is reserved whole, and must fit).
    /// </summary>
    private List<PreparedAppend> Prepare(IReadOnlyList<Message> messages, DispatchOptions options)
    {
        var set = engine.EnterRouteSet();
        try
        {
            var routes = set.RoutesOf(inputId);
            if (routes.Count == 0)
            {
                throw new InvalidOperationException($"No route reads input '{inputId}' since the configuration was reloaded; it takes no messages until a restart removes it.");
            }

            var refuse = (options & DispatchOptions.RefuseInvalid) != 0;
            var partBytes = Math.Max(1, buffer.Budget.MaxBytes / 2);
            var parts = new List<PreparedAppend>(1);
            var part = new PreparedAppend(routes);
            foreach (var message in messages)
            {
                counters.OnReceived(message.Body.Length);
                part.StartMessage();
                long records = 0;
                for (var r = 0; r < routes.Count; r++)
                {
                    part.Deliveries += routes[r].Convert(message, refuse, part.Entries[r], out var routeRecords);
                    records = Math.Max(records, routeRecords);
                }

                part.EndMessage((int)Math.Min(records, int.MaxValue));
                if (part.Bytes > partBytes && part.Messages > 1)
                {
                    // This message made the part larger than half the buffer: it starts the next one.
                    var next = part.TakeLastMessage();
                    parts.Add(part);
                    part = next;
                }
            }

            parts.Add(part);
            return parts;
        }
        finally
        {
            set.Exit();
        }
    }

    private Task Append(PreparedAppend prepared, DeliveryTracker? tracker)
    {
        var appends = prepared.Appends(tracker);
        if (appends.Count == 0)
        {
            // Every route's filters dropped it: nothing to store or deliver.
            buffer.Budget.Release(prepared.Bytes);
            return Task.CompletedTask;
        }

        try
        {
            return buffer.Append(appends);
        }
        catch
        {
            buffer.Budget.Release(prepared.Bytes);
            throw;
        }
    }
}
