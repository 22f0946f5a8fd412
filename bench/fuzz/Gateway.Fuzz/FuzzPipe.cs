using System.Buffers;
using System.IO.Pipelines;

namespace Gateway.Fuzz;

/// <summary>
/// A pipe fed synchronously in small chunks, with tiny segments, so that decoders see frames and headers split across
/// reads and across buffer segments, as they are on a slow socket.
/// </summary>
internal static class FuzzPipe
{
    public static Pipe Create() => new(new PipeOptions(
        pauseWriterThreshold: 1 << 30,
        resumeWriterThreshold: 1 << 29,
        minimumSegmentSize: 16,
        useSynchronizationContext: false));

    /// <summary>Writes the next chunk of <paramref name="data"/> at <paramref name="offset"/>; false when all is written.</summary>
    public static bool WriteChunk(PipeWriter writer, ReadOnlySpan<byte> data, ref int offset, int chunkSize)
    {
        if (offset >= data.Length)
        {
            return false;
        }

        var n = Math.Min(chunkSize, data.Length - offset);
        writer.Write(data.Slice(offset, n));
        offset += n;
        writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        return true;
    }

    public static byte[] ReadAll(Stream input)
    {
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }
}
