using System.Buffers.Binary;
using System.Security.Cryptography;

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

    /// <summary>
    /// The id of part <paramref name="part"/> of <paramref name="parent"/> (a Split element, a record of a file): the
    /// same for the same parent and part in every process, so a part made again after a restart (a file read again
    /// from its last persisted offset, a message split again when the route log hands it over again) keeps its id and
    /// receivers and the WholeFile spool can tell the duplicate. An RFC 9562 UUIDv8 whose first 48 bits are the
    /// parent's (its time, for a UUIDv7) and the rest a SHA-256 of the parent and the part.
    /// </summary>
    public static Guid Derived(Guid parent, long part)
    {
        Span<byte> input = stackalloc byte[24];
        parent.TryWriteBytes(input, bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(input[16..], part);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        Span<byte> bytes = stackalloc byte[16];
        input[..6].CopyTo(bytes);
        hash[..10].CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x80 | (bytes[6] & 0x0F)); // version 8
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
