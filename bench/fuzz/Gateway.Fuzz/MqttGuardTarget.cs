using Gateway.Transports.Mqtt;

namespace Gateway.Fuzz;

/// <summary>
/// Fuzzes <see cref="MqttPacketSizeGuardReader"/> between a pipe and a reader that consumes at its own pace. Byte 0
/// sets the packet size limit, byte 1 the chunk size the stream arrives in, byte 2 how many bytes the reader consumes
/// per read; the rest is the stream. The guard must reject the stream exactly when a whole-stream reference scan finds
/// a bad header; a rejection of a good stream, a bad one let through, or any other exception is a finding.
/// </summary>
internal static class MqttGuardTarget
{
    public static void Run(Stream input)
    {
        var bytes = FuzzPipe.ReadAll(input);
        if (bytes.Length < 3)
        {
            return;
        }

        var maxPacketSize = 2 + (bytes[0] * 4L);
        var chunkSize = 1 + bytes[1];
        var consumePerRead = bytes[2];
        var data = bytes.AsSpan(3);
        var expectRejection = ReferenceRejects(data, maxPacketSize);
        var pipe = FuzzPipe.Create();
        var rejections = 0;
        var guard = new MqttPacketSizeGuardReader(pipe.Reader, maxPacketSize, _ => rejections++);
        var offset = 0;
        var rejected = false;
        try
        {
            while (FuzzPipe.WriteChunk(pipe.Writer, data, ref offset, chunkSize))
            {
                if (!guard.TryRead(out var result))
                {
                    throw new InvalidOperationException("The pipe holds written bytes but TryRead found none.");
                }

                var buffer = result.Buffer;
                var consumed = buffer.GetPosition(Math.Min(consumePerRead, buffer.Length));
                guard.AdvanceTo(consumed, buffer.End);
            }
        }
        catch (MqttPacketTooLargeException)
        {
            rejected = true;
        }

        if (rejected != expectRejection || rejections != (rejected ? 1 : 0))
        {
            throw new InvalidOperationException(
                $"The guard {(rejected ? "rejected" : "passed")} a stream the reference scan {(expectRejection ? "rejects" : "passes")} (callbacks: {rejections}).");
        }
    }

    /// <summary>The MQTT fixed header rules, applied to the whole stream at once.</summary>
    private static bool ReferenceRejects(ReadOnlySpan<byte> data, long maxPacketSize)
    {
        long position = 0;
        while (position < data.Length)
        {
            position++; // packet type and flags
            long remaining = 0;
            var lengthBytes = 0;
            while (true)
            {
                if (position >= data.Length)
                {
                    return false; // the header is not complete yet
                }

                var b = data[(int)position++];
                remaining |= (long)(b & 0x7F) << (7 * lengthBytes);
                lengthBytes++;
                if ((b & 0x80) == 0)
                {
                    break;
                }

                if (lengthBytes == 4)
                {
                    return true;
                }
            }

            if (1 + lengthBytes + remaining > maxPacketSize)
            {
                return true;
            }

            position += remaining;
        }

        return false;
    }
}
