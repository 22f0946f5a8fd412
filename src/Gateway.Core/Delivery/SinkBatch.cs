using Gateway.Core.Log;
using Gateway.Core.Routing;

namespace Gateway.Core.Delivery;

/// <summary>
/// One batch a sink reader read from its log: every entry in log order with what to send for it (null: nothing, it
/// was skipped or dead-lettered while encoding), and how far it is done. <see cref="Done"/> and
/// <see cref="Finished"/> belong to the <see cref="DeliveryWindow"/>'s lock.
/// </summary>
internal sealed class SinkBatch(LogPosition start, List<(LogPosition After, LogEntry Entry, OutgoingMessage? Outgoing)> items)
{
    /// <summary>Where the batch starts: the end of the batch before it, or the cursor.</summary>
    public LogPosition Start { get; } = start;

    public List<(LogPosition After, LogEntry Entry, OutgoingMessage? Outgoing)> Items { get; } = items;

    /// <summary>Where the batch ends: the next batch starts there.</summary>
    public LogPosition End => Items.Count > 0 ? Items[^1].After : Start;

    /// <summary>The first item not done yet (for the one-by-one sends, and for trying again after a failure).</summary>
    public int Next { get; set; }

    /// <summary>True once the batch was offered as a whole: after a failure it goes one by one.</summary>
    public bool TriedWhole { get; set; }

    /// <summary>Everything before this position is done.</summary>
    public LogPosition Done { get; set; } = start;

    /// <summary>True when every item is done.</summary>
    public bool Finished { get; set; }
}
