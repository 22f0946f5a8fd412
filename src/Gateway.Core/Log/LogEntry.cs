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
    /// <summary>The message object, its id, times and body array header, and the entry itself.</summary>
    private const int FixedBytes = 160;

    /// <summary>A metadata dictionary without entries: the wrapper, the dictionary and its bucket array.</summary>
    private const int MetadataBytes = 120;

    /// <summary>One metadata entry besides its text: the dictionary's slot and the two string headers.</summary>
    private const int MetadataEntryBytes = 64;

    /// <summary>
    /// What the entry counts against <see cref="BufferOptions.MaxBytes"/> and <see cref="BufferOptions.MemoryBytes"/>:
    /// about what it takes on the heap. Small messages cost more in objects than in body bytes (a record of a
    /// <c>Folder</c> input: a 50-byte body and three metadata entries take about 600 bytes), so counting the body
    /// alone would let the memory bound hold several times what it says.
    /// </summary>
    public long Size => Message.Body.Length + FixedBytes + MetadataSize(Message.MetadataOrNull) + 2L * ((ConversionError?.Length ?? 0) + (OnlySink?.Length ?? 0));

    /// <summary>The metadata's heap cost: strings are UTF-16, two bytes a character.</summary>
    private static long MetadataSize(MetadataDictionary? metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return 0;
        }

        long bytes = MetadataBytes;
        foreach (var (key, value) in metadata)
        {
            bytes += MetadataEntryBytes + (2L * (key.Length + value.Length));
        }

        return bytes;
    }
}
