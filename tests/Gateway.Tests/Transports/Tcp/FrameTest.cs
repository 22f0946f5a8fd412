using System.Buffers;
using Gateway.Transports.Tcp;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>Encodes frames and decodes byte streams that arrive in chunks, the way a connection reads them from a pipe.</summary>
internal static class FrameTest
{
    public static TcpInputOptions FramingOptions(
        Framing framing,
        string? delimiter = null,
        int prefixBytes = 4,
        Endianness endian = Endianness.Big,
        bool includesSelf = false,
        int maxFrameBytes = 1024 * 1024) => new()
        {
            Port = 0,
            Framing = framing,
            FrameDelimiter = framing == Framing.Delimiter ? delimiter : null,
            LengthPrefixBytes = prefixBytes,
            LengthPrefixEndian = endian,
            LengthPrefixIncludesSelf = includesSelf,
            MaxFrameBytes = maxFrameBytes,
        };

    public static byte[] Encode(TcpFramingOptions options, IEnumerable<byte[]> frames)
    {
        var encoder = new FrameEncoder(options);
        var output = new ArrayBufferWriter<byte>();
        foreach (var frame in frames)
        {
            encoder.Write(frame, output);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Cuts <paramref name="stream"/> into chunks of the given sizes (cycled) and decodes them.</summary>
    public static Decoded Decode(TcpInputOptions options, byte[] stream, IReadOnlyList<int> chunkSizes)
    {
        var chunks = new List<byte[]>();
        for (int offset = 0, i = 0; offset < stream.Length; i++)
        {
            var size = Math.Min(Math.Max(1, chunkSizes[i % chunkSizes.Count]), stream.Length - offset);
            chunks.Add(stream[offset..(offset + size)]);
            offset += size;
        }

        return Decode(options, chunks);
    }

    /// <summary>
    /// Decodes chunks as a connection does: after each chunk the decoder gets everything not consumed yet, and at the
    /// end what is left goes to <see cref="FrameDecoder.TryReadLastFrame"/>.
    /// </summary>
    public static Decoded Decode(TcpInputOptions options, IReadOnlyList<byte[]> chunks)
    {
        var decoder = new FrameDecoder(options, options.MaxFrameBytes);
        var all = SegmentedSequence.Create(chunks);
        var frames = new List<byte[]>();
        var consumed = all.Start;
        long end = 0;
        foreach (var chunk in chunks)
        {
            end += chunk.Length;
            var buffer = all.Slice(consumed, all.GetPosition(end));
            while (decoder.TryReadFrame(ref buffer, out var frame))
            {
                frames.Add(frame.ToArray());
            }

            consumed = buffer.Start;
        }

        var rest = all.Slice(consumed);
        var last = decoder.TryReadLastFrame(rest, out var lastFrame);
        if (last)
        {
            frames.Add(lastFrame.ToArray());
        }

        return new Decoded(frames, last ? 0 : rest.Length);
    }

    /// <summary>Decodes one buffer in one go.</summary>
    public static Decoded Decode(TcpInputOptions options, byte[] stream) => Decode(options, [stream]);

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Frames read, and how many bytes were left over as an incomplete frame.</summary>
    public sealed record Decoded(List<byte[]> Frames, long Dropped)
    {
        public List<string> Texts => [.. Frames.Select(f => System.Text.Encoding.UTF8.GetString(f))];
    }
}
