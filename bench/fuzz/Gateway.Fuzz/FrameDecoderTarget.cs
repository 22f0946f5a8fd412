using System.Buffers;
using Gateway.Transports.Tcp;

namespace Gateway.Fuzz;

/// <summary>
/// Fuzzes <see cref="FrameDecoder"/> as a TCP input connection drives it. Byte 0 chooses the framing (bits 0-1), the
/// length prefix size (bits 2-3), its byte order (bit 4), whether it counts itself (bit 5) and the delimiter (bits
/// 6-7); byte 1 the chunk size the stream arrives in; the rest is the stream. Besides unexpected exceptions, a frame
/// that is empty or longer than the limit is a finding.
/// </summary>
internal static class FrameDecoderTarget
{
    private const int MaxFrameBytes = 64;
    private static readonly int[] PrefixSizes = [1, 2, 4, 8];
    private static readonly string[] Delimiters = ["\\r\\n", "\\x1E", "ab", "\\0\\0\\0"];

    public static void Run(Stream input)
    {
        var bytes = FuzzPipe.ReadAll(input);
        if (bytes.Length < 2)
        {
            return;
        }

        var b = bytes[0];
        var framing = (Framing)(b & 3);
        var options = new TcpInputOptions
        {
            Framing = framing,
            LengthPrefixBytes = PrefixSizes[(b >> 2) & 3],
            LengthPrefixEndian = (b & 16) != 0 ? Endianness.Little : Endianness.Big,
            LengthPrefixIncludesSelf = (b & 32) != 0,
            FrameDelimiter = framing == Framing.Delimiter ? Delimiters[b >> 6] : null,
        };
        var decoder = new FrameDecoder(options, MaxFrameBytes);
        var chunkSize = 1 + bytes[1];
        var data = bytes.AsSpan(2);
        var pipe = FuzzPipe.Create();
        var offset = 0;
        try
        {
            while (FuzzPipe.WriteChunk(pipe.Writer, data, ref offset, chunkSize))
            {
                if (!pipe.Reader.TryRead(out var result))
                {
                    throw new InvalidOperationException("The pipe holds written bytes but TryRead found none.");
                }

                var buffer = result.Buffer;
                while (decoder.TryReadFrame(ref buffer, out var frame))
                {
                    Check(frame);
                }

                if (offset >= data.Length && decoder.TryReadLastFrame(buffer, out var last))
                {
                    Check(last);
                }

                pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (InvalidFrameException)
        {
            // The expected answer to a stream that cannot become a valid frame: the connection closes.
        }
    }

    private static void Check(ReadOnlySequence<byte> frame)
    {
        if (frame.IsEmpty || frame.Length > MaxFrameBytes)
        {
            throw new InvalidOperationException($"The decoder returned a frame of {frame.Length} bytes (limit {MaxFrameBytes}, empty frames are skipped).");
        }
    }
}
