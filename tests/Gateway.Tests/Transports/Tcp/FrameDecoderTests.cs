using Gateway.Transports.Tcp;
using static Gateway.Tests.Transports.Tcp.FrameTest;

namespace Gateway.Tests.Transports.Tcp;

/// <summary>Each framing on known bytes: frames, skipped empty frames, the end of the stream and the limits.</summary>
public class FrameDecoderTests
{
    [Fact]
    public void NewLine_cuts_at_LF_drops_a_CR_before_it_skips_empty_lines_and_keeps_a_last_line_without_LF()
    {
        var decoded = Decode(FramingOptions(Framing.NewLine), Bytes("a\r\nb\n\n\r\n c \nlast\r"));

        Assert.Equal(["a", "b", " c ", "last"], decoded.Texts);
        Assert.Equal(0, decoded.Dropped);
    }

    [Fact]
    public void Delimiter_cuts_at_every_byte_sequence_and_drops_an_unfinished_frame()
    {
        var decoded = Decode(FramingOptions(Framing.Delimiter, @"\r\n\r\n"), Bytes("one\r\ntwo\r\n\r\n\r\n\r\nthree\r\n\r\nfour\r\n"));

        Assert.Equal(["one\r\ntwo", "three"], decoded.Texts);
        Assert.Equal(6, decoded.Dropped);
    }

    [Fact]
    public void Delimiter_of_one_control_byte()
    {
        var decoded = Decode(FramingOptions(Framing.Delimiter, @"\x1E"), [0x1E, (byte)'{', (byte)'}', 0x1E, (byte)'1', 0x1E]);

        Assert.Equal(["{}", "1"], decoded.Texts);
    }

    [Theory]
    [InlineData(1, Endianness.Big, false, new byte[] { 3, 0x61, 0x62, 0x63, 0 })]
    [InlineData(2, Endianness.Big, false, new byte[] { 0, 3, 0x61, 0x62, 0x63, 0, 0 })]
    [InlineData(2, Endianness.Little, true, new byte[] { 5, 0, 0x61, 0x62, 0x63, 2, 0 })]
    [InlineData(4, Endianness.Big, false, new byte[] { 0, 0, 0, 3, 0x61, 0x62, 0x63 })]
    [InlineData(4, Endianness.Little, true, new byte[] { 7, 0, 0, 0, 0x61, 0x62, 0x63 })]
    [InlineData(8, Endianness.Big, true, new byte[] { 0, 0, 0, 0, 0, 0, 0, 11, 0x61, 0x62, 0x63 })]
    [InlineData(8, Endianness.Little, false, new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62, 0x63 })]
    public void LengthPrefix_reads_every_size_and_byte_order_and_skips_empty_frames(int size, Endianness endian, bool includesSelf, byte[] stream)
    {
        var decoded = Decode(FramingOptions(Framing.LengthPrefix, prefixBytes: size, endian: endian, includesSelf: includesSelf), stream);

        Assert.Equal(["abc"], decoded.Texts);
        Assert.Equal(0, decoded.Dropped);
    }

    [Fact]
    public void OctetCounting_reads_RFC_6587_frames_whatever_they_hold()
    {
        var decoded = Decode(FramingOptions(Framing.OctetCounting), Bytes("5 hello11 two\nlines\r\n3 abc"));

        Assert.Equal(["hello", "two\nlines\r\n", "abc"], decoded.Texts);
    }

    [Fact]
    public void OctetCounting_drops_a_frame_cut_short_by_the_end_of_the_stream()
    {
        var decoded = Decode(FramingOptions(Framing.OctetCounting), Bytes("5 hello10 abc"));

        Assert.Equal(["hello"], decoded.Texts);
        Assert.Equal(6, decoded.Dropped);
    }

    [Theory]
    [InlineData("05 hello", "'0' at byte 1")]
    [InlineData(" 5 hello", "byte 0x20 at byte 1")]
    [InlineData("5x hello", "'x' at byte 2")]
    [InlineData("-5 hello", "'-' at byte 1")]
    [InlineData("hello\n", "'h' at byte 1")]
    [InlineData("5 hello5\nhello", "byte 0x0A at byte 2")]
    public void OctetCounting_refuses_a_malformed_count(string stream, string where)
    {
        var error = Assert.Throws<InvalidFrameException>(() => Decode(FramingOptions(Framing.OctetCounting), Bytes(stream)));

        Assert.Contains("malformed octet count", error.Message, StringComparison.Ordinal);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OctetCounting_refuses_a_count_over_the_limit_before_its_space()
    {
        var error = Assert.Throws<InvalidFrameException>(() => Decode(FramingOptions(Framing.OctetCounting, maxFrameBytes: 100), Bytes("101")));

        Assert.Contains("MaxFrameBytes (100)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewLine_limit_holds_while_the_line_is_still_arriving()
    {
        var options = FramingOptions(Framing.NewLine, maxFrameBytes: 10);

        // Ten bytes and a CR may still be a line of ten bytes; one byte more cannot be.
        Assert.Equal(["0123456789"], Decode(options, [Bytes("0123456789\r"), Bytes("\n")]).Texts);
        Assert.Equal(["0123456789"], Decode(options, [Bytes("0123456789"), Bytes("\n")]).Texts);
        var error = Assert.Throws<InvalidFrameException>(() => Decode(options, [Bytes("0123456789ab"), Bytes("\n")]));
        Assert.Contains("11 bytes without a line feed", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFrameBytes (10)", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidFrameException>(() => Decode(options, Bytes("0123456789a\n")));
    }

    [Fact]
    public void Delimiter_limit_allows_for_a_delimiter_split_across_reads()
    {
        var options = FramingOptions(Framing.Delimiter, @"\r\n\r\n", maxFrameBytes: 4);

        Assert.Equal(["abcd"], Decode(options, [Bytes("abcd\r\n\r"), Bytes("\n")]).Texts);
        Assert.Throws<InvalidFrameException>(() => Decode(options, [Bytes("abcde\r\n\r"), Bytes("\n")]));
        Assert.Throws<InvalidFrameException>(() => Decode(options, Bytes("abcde\r\n\r\n")));
    }

    [Fact]
    public void A_frame_of_exactly_MaxFrameBytes_is_taken_in_every_framing()
    {
        // The limit is inclusive (found by mutation testing: '>' as '>=' survived in three places).
        Assert.Equal(["0123456789"], Decode(FramingOptions(Framing.NewLine, maxFrameBytes: 10), Bytes("0123456789")).Texts); // last line, no LF
        Assert.Equal(["abc"], Decode(FramingOptions(Framing.LengthPrefix, prefixBytes: 4, maxFrameBytes: 3), [0, 0, 0, 3, (byte)'a', (byte)'b', (byte)'c']).Texts);
        Assert.Equal(["0123456789"], Decode(FramingOptions(Framing.OctetCounting, maxFrameBytes: 10), Bytes("10 0123456789")).Texts);
        Assert.Throws<InvalidFrameException>(() => Decode(FramingOptions(Framing.NewLine, maxFrameBytes: 10), Bytes("0123456789a")));
        Assert.Throws<InvalidFrameException>(() => Decode(FramingOptions(Framing.OctetCounting, maxFrameBytes: 10), Bytes("11 0123456789a")));
    }

    [Fact]
    public void LengthPrefix_over_the_limit_fails_on_the_prefix_alone()
    {
        var options = FramingOptions(Framing.LengthPrefix, prefixBytes: 4, maxFrameBytes: 1000);

        var error = Assert.Throws<InvalidFrameException>(() => Decode(options, [0, 0, 3, 0xE9]));

        Assert.Contains("1001 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(["x"], Decode(options, [0, 0, 0, 1, (byte)'x']).Texts);
    }

    [Fact]
    public void LengthPrefix_of_8_bytes_over_long_MaxValue_is_refused()
    {
        var options = FramingOptions(Framing.LengthPrefix, prefixBytes: 8, endian: Endianness.Little);

        var error = Assert.Throws<InvalidFrameException>(() => Decode(options, [1, 0, 0, 0, 0, 0, 0, 0x80]));

        Assert.Contains("9223372036854775809", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LengthPrefix_that_counts_itself_cannot_be_smaller_than_itself()
    {
        var options = FramingOptions(Framing.LengthPrefix, prefixBytes: 2, includesSelf: true);

        var error = Assert.Throws<InvalidFrameException>(() => Decode(options, [0, 1, 0x61]));

        Assert.Contains("smaller than the prefix itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_line_over_the_limit_is_refused_too()
    {
        Assert.Throws<InvalidFrameException>(() => Decode(FramingOptions(Framing.NewLine, maxFrameBytes: 3), [Bytes("abc\n"), Bytes("abcd")]));
    }
}
