using System.Buffers.Binary;

namespace Gateway.Core.Messages;

/// <summary>
/// Message ids: RFC 9562 UUIDv7 (48-bit Unix milliseconds, then 74 random bits), so they sort by creation time.
/// <see cref="Guid.CreateVersion7()"/> draws its random bits from the operating system, which costs about a
/// microsecond per id and dominated small-message input; ids need uniqueness, not unpredictability, so these come
/// from the per-thread <see cref="Random.Shared"/> generator (a few nanoseconds).
/// </summary>
public static class MessageIds
{
    /// <summary>A new UUIDv7 for the current time.</summary>
    public static Guid NewId() => NewId(DateTimeOffset.UtcNow);

    /// <summary>A new UUIDv7 for <paramref name="time"/>.</summary>
    public static Guid NewId(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        var milliseconds = time.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(milliseconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)milliseconds);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
