using Gateway.Core.Delivery;
using Gateway.Core.Log;

namespace Gateway.Core.Engine;

/// <summary>
/// Converted messages of one dispatch, waiting for their room in the buffer: each route's entries, the bytes they
/// count, the records the bodies held and the sink deliveries they make. Messages are added one at a time
/// (<see cref="StartMessage"/>, the routes add entries, <see cref="EndMessage"/>), so the last one can move to a
/// new part when it made this one too large.
/// </summary>
internal sealed class PreparedAppend
{
    private readonly IReadOnlyList<RouteRuntime> _routes;
    private readonly int[] _messageStarts;
    private int _messageDeliveries;

    public PreparedAppend(IReadOnlyList<RouteRuntime> routes)
    {
        _routes = routes;
        _messageStarts = new int[routes.Count];
        Entries = new List<LogEntry>[routes.Count];
        for (var r = 0; r < routes.Count; r++)
        {
            Entries[r] = [];
        }
    }

    /// <summary>The entries for each route, in the order of the routes given.</summary>
    public List<LogEntry>[] Entries { get; }

    /// <summary>What the entries count against the buffer's size.</summary>
    public long Bytes { get; private set; }

    public int Records { get; private set; }

    /// <summary>Sink deliveries of the entries; the routes add to it as they convert.</summary>
    public int Deliveries { get; set; }

    public int Messages { get; private set; }

    public void StartMessage()
    {
        for (var r = 0; r < _routes.Count; r++)
        {
            _messageStarts[r] = Entries[r].Count;
        }

        _messageDeliveries = Deliveries;
    }

    public void EndMessage(int records)
    {
        Records += records;
        Messages++;
        for (var r = 0; r < _routes.Count; r++)
        {
            var entries = Entries[r];
            for (var i = _messageStarts[r]; i < entries.Count; i++)
            {
                Bytes += entries[i].Size;
            }
        }
    }

    /// <summary>Moves the last message's entries out of this part into a new one.</summary>
    public PreparedAppend TakeLastMessage()
    {
        var next = new PreparedAppend(_routes);
        next.StartMessage();
        next.Deliveries = Deliveries - _messageDeliveries;
        Deliveries = _messageDeliveries;
        for (var r = 0; r < _routes.Count; r++)
        {
            var entries = Entries[r];
            var start = _messageStarts[r];
            next.Entries[r].AddRange(entries.Skip(start));
            entries.RemoveRange(start, entries.Count - start);
        }

        // Records stay with this part: they answer the sender, not the buffer.
        next.EndMessage(0);
        Bytes -= next.Bytes;
        Messages--;
        return next;
    }

    /// <summary>The appends for <see cref="GatewayBuffer.Append"/>: each route that has entries, with <paramref name="tracker"/> on every entry.</summary>
    public List<(RouteLog Log, List<LogEntry> Entries)> Appends(DeliveryTracker? tracker)
    {
        var appends = new List<(RouteLog Log, List<LogEntry> Entries)>(_routes.Count);
        for (var r = 0; r < _routes.Count; r++)
        {
            var entries = Entries[r];
            if (entries.Count == 0)
            {
                continue;
            }

            if (tracker is not null)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i] = entries[i] with { Tracker = tracker };
                }
            }

            appends.Add((_routes[r].Log, entries));
        }

        return appends;
    }
}
