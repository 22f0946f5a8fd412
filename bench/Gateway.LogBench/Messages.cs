using System.Buffers.Binary;

namespace Gateway.Bench.LogBench;

/// <summary>
/// Bench messages: a fixed-size body whose first 8 bytes carry a sequence number, so a recovery scan can prove that
/// it read back exactly the committed messages, in order, with none missing or extra.
/// </summary>
internal static class Messages
{
    public static byte[] Create(int size)
    {
        var message = new byte[size];
        // Not zeros: a sparse or compressing layer below the engine must not get an easy ride.
        for (var i = 0; i < message.Length; i++)
        {
            message[i] = (byte)('a' + (i % 26));
        }

        return message;
    }

    public static void Stamp(Span<byte> message, long sequence) => BinaryPrimitives.WriteInt64LittleEndian(message, sequence);

    public static long SequenceOf(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message);
}
