using CsCheck;
using Gateway.Transports.Tcp;
using static Gateway.Tests.Transports.Tcp.FrameTest;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>Whatever the framing and however the bytes arrive, decoding gives back the frames that were encoded.</summary>
public class FrameRoundTripPropertyTests
{
    /// <summary>Bytes the framings care about, often, and any byte now and then.</summary>
    private static readonly Gen<byte> Byte = Gen.Frequency(
        (3, Gen.OneOf<byte>((byte)'\n', (byte)'\r', 0, 0x1E, (byte)'a', (byte)'b', (byte)' ', (byte)'0', (byte)'5')),
        (1, Gen.Byte));

    private static readonly Gen<TcpInputOptions> Framings = Gen.Select(
        Gen.Enum<Framing>(),
        Gen.OneOf(@"\n", @"\r\n", @"\0", @"\x1E", "ab", "aa", "aba", @"\r\n\r\n"),
        Gen.OneOf(1, 2, 4, 8),
        Gen.Enum<Endianness>(),
        Gen.Bool,
        (framing, delimiter, size, endian, includesSelf) => FramingOptions(framing, delimiter, size, endian, includesSelf));

    /// <summary>Mostly short frames (long ones nearly always hold a delimiter), some over 255 bytes (more than a 1-byte prefix counts).</summary>
    private static readonly Gen<int> Length = Gen.Frequency((3, Gen.Int[0, 16]), (1, Gen.Int[0, 300]));

    /// <summary>Frames, without those the framing cannot carry, and how many were generated.</summary>
    private static readonly Gen<(TcpInputOptions Options, byte[][] Frames, int Generated)> Streams = Framings.SelectMany(
        options => Length.SelectMany(length => Byte.Array[length]).Array[0, 12],
        (options, frames) => (options, frames.Where(f => CanCarry(options, f)).ToArray(), frames.Length));

    [Fact]
    public void Random_frames_encoded_and_read_in_random_chunks_come_back_unchanged()
    {
        var generated = 0;
        var carried = new Dictionary<Framing, int>();
        Gen.Select(Streams, Gen.Int[1, 64].Array[1, 20]).Sample(
            (stream, chunkSizes) =>
            {
                var bytes = Encode(stream.Options, stream.Frames);

                var decoded = Decode(stream.Options, bytes, chunkSizes);

                Assert.Equal(stream.Frames, decoded.Frames);
                Assert.Equal(0, decoded.Dropped);
                Interlocked.Add(ref generated, stream.Generated);
                lock (carried)
                {
                    carried[stream.Options.Framing] = carried.GetValueOrDefault(stream.Options.Framing) + stream.Frames.Length;
                }
            },
            iter: 1000,
            threads: 1);

        // The filter must leave most frames, and frames of every framing, or the property would test next to nothing.
        Assert.True(carried.Values.Sum() * 2 > generated, $"only {carried.Values.Sum()} of {generated} generated frames could be carried");
        Assert.All(Enum.GetValues<Framing>(), framing => Assert.True(carried.GetValueOrDefault(framing) > 100, $"{framing}: {carried.GetValueOrDefault(framing)} frames"));
    }

    [Fact]
    public void The_encoder_refuses_exactly_the_frames_a_receiver_would_not_get_back()
    {
        Gen.Select(Framings, Length.SelectMany(length => Byte.Array[length])).Sample(
            (options, frame) =>
            {
                // NewLine writes a body of several lines as lines on purpose: it refuses only the empty body.
                var expected = options.Framing == Framing.NewLine ? frame.Length > 0 : CanCarry(options, frame);
                Assert.Equal(expected, new FrameEncoder(options).GetEncodingError(frame) is null);
            },
            iter: 5000);
    }

    [Theory]
    [InlineData(Framing.NewLine)]
    [InlineData(Framing.Delimiter)]
    [InlineData(Framing.LengthPrefix)]
    [InlineData(Framing.OctetCounting)]
    public void Frames_split_at_every_byte_offset_come_back_unchanged(Framing framing)
    {
        var options = FramingOptions(framing, @"\r\n", prefixBytes: 2, endian: Endianness.Little, includesSelf: true);
        byte[][] frames = [Bytes("first"), Bytes("x"), Bytes("a longer third frame, 12345 \r"), Bytes("end")];
        if (framing == Framing.NewLine)
        {
            frames[2] = Bytes("a longer third frame, 12345 ");
        }

        var bytes = Encode(options, frames);
        for (var i = 0; i <= bytes.Length; i++)
        {
            for (var j = i; j <= bytes.Length; j += 7)
            {
                var decoded = Decode(options, [bytes[..i], bytes[i..j], bytes[j..]]);

                Assert.Equal(frames, decoded.Frames);
            }
        }

        Assert.Equal(frames, Decode(options, bytes, [1]).Frames);
    }

    /// <summary>
    /// Whether a receiver gets <paramref name="frame"/> back unchanged, from what each framing means (not from the
    /// encoder's own check, which the property would then merely repeat).
    /// </summary>
    private static bool CanCarry(TcpInputOptions options, byte[] frame)
    {
        if (frame.Length == 0)
        {
            return false; // receivers skip empty frames
        }

        switch (options.Framing)
        {
            case Framing.NewLine:
                // Bodies may hold LFs (several lines) and lose a CR before LF: only plain lines come back as they were.
                return !frame.Contains((byte)'\n') && frame[^1] != (byte)'\r';
            case Framing.Delimiter:
                // The receiver cuts at the first delimiter it finds: it must be the one written after the frame.
                var delimiter = options.DelimiterBytes();
                return frame.Concat(delimiter).ToArray().AsSpan().IndexOf(delimiter) == frame.Length;
            case Framing.LengthPrefix:
                var counted = (ulong)frame.Length + (options.LengthPrefixIncludesSelf ? (ulong)options.LengthPrefixBytes : 0);
                return options.LengthPrefixBytes == 8 || counted < 1UL << (8 * options.LengthPrefixBytes);
            default:
                return true; // octet counting carries any bytes
        }
    }
}
