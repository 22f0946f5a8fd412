using System.Buffers;
using Gateway.Transports.Tcp;
using static Gateway.Tests.Transports.Tcp.FrameTest;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>The bytes each framing writes, and the bodies that cannot be framed.</summary>
public class FrameEncoderTests
{
    [Theory]
    [InlineData(Framing.NewLine, null, "abc", "abc\n")]
    [InlineData(Framing.NewLine, null, "a\nb\n", "a\nb\n")]
    [InlineData(Framing.Delimiter, @"\0", "abc", "abc\0")]
    [InlineData(Framing.Delimiter, @"\r\n", "abc", "abc\r\n")]
    [InlineData(Framing.OctetCounting, null, "hello", "5 hello")]
    [InlineData(Framing.OctetCounting, null, "0123456789\n", "11 0123456789\n")]
    public void Text_framings(Framing framing, string? delimiter, string body, string expected) =>
        Assert.Equal(Bytes(expected), Encode(FramingOptions(framing, delimiter), [Bytes(body)]));

    [Theory]
    [InlineData(1, Endianness.Big, false, new byte[] { 2 })]
    [InlineData(1, Endianness.Little, true, new byte[] { 3 })]
    [InlineData(2, Endianness.Big, false, new byte[] { 0, 2 })]
    [InlineData(2, Endianness.Little, false, new byte[] { 2, 0 })]
    [InlineData(4, Endianness.Big, true, new byte[] { 0, 0, 0, 6 })]
    [InlineData(8, Endianness.Little, false, new byte[] { 2, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(8, Endianness.Big, true, new byte[] { 0, 0, 0, 0, 0, 0, 0, 10 })]
    public void Length_prefixes(int size, Endianness endian, bool includesSelf, byte[] prefix) =>
        Assert.Equal([.. prefix, (byte)'h', (byte)'i'], Encode(FramingOptions(Framing.LengthPrefix, prefixBytes: size, endian: endian, includesSelf: includesSelf), [Bytes("hi")]));

    [Theory]
    [InlineData(Framing.NewLine, null, "", "empty")]
    [InlineData(Framing.OctetCounting, null, "", "empty")]
    [InlineData(Framing.LengthPrefix, null, "", "empty")]
    [InlineData(Framing.Delimiter, @"\n", "a\nb", "holds the frame delimiter (\\n)")]
    [InlineData(Framing.Delimiter, "aa", "xa", "holds the frame delimiter (aa)")]
    [InlineData(Framing.Delimiter, "aba", "xab", "holds the frame delimiter (aba)")]
    public void Bodies_that_cannot_be_framed(Framing framing, string? delimiter, string body, string reason)
    {
        var encoder = new FrameEncoder(FramingOptions(framing, delimiter));

        Assert.Contains(reason, encoder.GetEncodingError(Bytes(body)), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => encoder.Write(Bytes(body), new ArrayBufferWriter<byte>()));
    }

    [Theory]
    [InlineData("ab", "xa")]
    [InlineData("aba", "xa")]
    [InlineData(@"\r\n", "x\r")]
    public void A_body_ending_with_part_of_the_delimiter_is_fine_when_it_reads_back(string delimiter, string body)
    {
        var options = FramingOptions(Framing.Delimiter, delimiter);

        Assert.Null(new FrameEncoder(options).GetEncodingError(Bytes(body)));
        Assert.Equal([body], Decode(options, Encode(options, [Bytes(body)])).Texts);
    }

    [Theory]
    [InlineData(1, false, 255)]
    [InlineData(1, true, 254)]
    [InlineData(2, false, 65535)]
    [InlineData(2, true, 65533)]
    public void A_body_longer_than_the_prefix_can_count_is_refused(int size, bool includesSelf, int longest)
    {
        var encoder = new FrameEncoder(FramingOptions(Framing.LengthPrefix, prefixBytes: size, includesSelf: includesSelf));

        Assert.Null(encoder.GetEncodingError(new byte[longest]));
        Assert.Contains($"counts at most {longest}", encoder.GetEncodingError(new byte[longest + 1]), StringComparison.Ordinal);
    }
}
