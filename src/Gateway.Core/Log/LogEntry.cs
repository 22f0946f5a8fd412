using Gateway.Core.Delivery;
using Gateway.Core.Messages;

namespace Gateway.Core.Log;

/// <summary>
/// One message in a route log: canonical JSON ready for the sinks, or (with <see cref="ConversionError"/>) the
/// received body that the route's converters refused, waiting to be dead-lettered. <see cref="OnlySink"/> names the
/// one sink a re-driven dead letter goes to (the others skip it). <see cref="Tracker"/> lives in
/// memory only, for the caller that waits for delivery (<c>?wait=true</c>); it is gone after a restart.
/// </summary>
internal readonly record struct LogEntry(Message Message, string? ConversionError, string? OnlySink = null, DeliveryTracker? Tracker = null)
{
    /// <summary>What the entry counts against <see cref="BufferOptions.MaxBytes"/>: its body and a fixed share for the rest.</summary>
    public long Size => Message.Body.Length + 128;
}
