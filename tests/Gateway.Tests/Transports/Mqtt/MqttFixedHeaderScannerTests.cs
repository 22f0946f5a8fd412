using CsCheck;
using Gateway.Transports.Mqtt;

namespace Gateway.Tests.Transports.Mqtt;

public class MqttFixedHeaderScannerTests
{
    private const int Max = 4096;

    [Theory]
    [InlineData(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F })]
    [InlineData(new byte[] { 0x30, 0x80, 0x80, 0x01 })]
    [InlineData(new byte[] { 0x10, 0xFF, 0x1F })]
    public void RejectsHeadersAnnouncingMoreThanTheLimit(byte[] header)
    {
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.False(scanner.Scan(header));
        Assert.Contains("more than the 4096 allowed", scanner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAFifthLengthByte()
    {
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.False(scanner.Scan([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]));
        Assert.Contains("fifth length byte", scanner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAPacketOfExactlyTheLimit()
    {
        // 1 type byte + 2 length bytes + 4093 body bytes = 4096.
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.True(scanner.Scan(Packet(0x30, 4093)));
        Assert.False(scanner.Scan(Packet(0x30, 4094)));
    }

    [Fact]
    public void FollowsBoundariesByteByByteAndFindsTheOversizedHeaderAfterGoodPackets()
    {
        var stream = Packet(0x10, 12).Concat(Packet(0xC0, 0)).Concat(Packet(0x30, 300)).Concat(new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0x7F }).ToArray();
        var scanner = new MqttFixedHeaderScanner(Max);
        var failedAt = -1;
        for (var i = 0; i < stream.Length; i++)
        {
            if (!scanner.Scan(stream.AsSpan(i, 1)))
            {
                failedAt = i;
                break;
            }
        }

        Assert.Equal(stream.Length - 1, failedAt);
    }

    [Fact]
    public void BodyBytesThatLookLikeHeadersAreSkipped()
    {
        // A body full of 0xFF would be a malformed header if the scanner lost track of the boundary.
        var packet = Packet(0x30, 1000, fill: 0xFF);
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.True(scanner.Scan(packet));
        Assert.True(scanner.Scan(packet));
    }

    [Fact]
    public void AnyChunkingOfGoodPacketsPassesAndAnOversizedOneFailsAtItsHeader()
    {
        var genPackets = Gen.Int[2, Max - 3].Array[1, 20]; // a PUBLISH body holds at least its topic length
        var genCuts = Gen.Int[1, 700].Array[1, 40];
        Gen.Select(genPackets, genCuts).Sample((sizes, cuts) =>
        {
            var good = sizes.SelectMany(s => Packet(0x30, s)).ToArray();
            var stream = good.Concat(Packet(0x30, Max)).ToArray();
            var scanner = new MqttFixedHeaderScanner(Max);
            var position = 0;
            var cut = 0;
            while (position < stream.Length)
            {
                var length = Math.Min(cuts[cut++ % cuts.Length], stream.Length - position);
                var ok = scanner.Scan(stream.AsSpan(position, length));
                var headerEnd = good.Length + 3;
                if (position + length < headerEnd)
                {
                    Assert.True(ok, scanner.Error);
                }
                else
                {
                    Assert.False(ok);
                    return;
                }

                position += length;
            }

            Assert.Fail("the oversized packet was not found");
        }, iter: 300);
    }

    /// <summary>A packet with the given first byte and a body of <paramref name="bodyLength"/> bytes.</summary>
    internal static byte[] Packet(byte first, int bodyLength, byte fill = 0x41)
    {
        var header = new List<byte> { first };
        var length = bodyLength;
        do
        {
            var b = (byte)(length % 128);
            length /= 128;
            header.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        var body = Enumerable.Repeat(fill, bodyLength).ToArray();
        if (first >> 4 == 3 && bodyLength >= 2)
        {
            // A PUBLISH starts with its topic's length: a one-byte topic, the rest is payload.
            body[0] = 0;
            body[1] = (byte)Math.Min(1, bodyLength - 2);
            if (bodyLength > 2)
            {
                body[2] = (byte)'A';
            }
        }

        return [.. header, .. body];
    }

    [Theory]
    [InlineData(0x36, "a/b", "QoS 3")]
    [InlineData(0x32, "a/+", "wildcard")]
    [InlineData(0x30, "a/#", "wildcard")]
    [InlineData(0x30, "a\0b", "NUL")]
    public void RejectsAPublishThatTheSpecificationForbids(byte typeByte, string topic, string reason)
    {
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.False(scanner.Scan(Publish(typeByte, System.Text.Encoding.UTF8.GetBytes(topic))));
        Assert.Contains(reason, scanner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsATopicThatIsNotUtf8EvenWhenItArrivesByteByByte()
    {
        var stream = Publish(0x30, "good/topic"u8.ToArray()).Concat(Publish(0x30, [(byte)'a', 0xC3, 0x28])).ToArray();
        var scanner = new MqttFixedHeaderScanner(Max);
        var failedAt = -1;
        for (var i = 0; i < stream.Length && failedAt < 0; i++)
        {
            failedAt = scanner.Scan(stream.AsSpan(i, 1)) ? -1 : i;
        }

        Assert.Equal("a PUBLISH to a topic that is not valid UTF-8", scanner.Error);
        Assert.Equal(stream.Length - "payload".Length - 1, failedAt); // at the topic's last byte, before any payload
    }

    [Fact]
    public void RejectsATopicLengthBeyondThePacket()
    {
        var scanner = new MqttFixedHeaderScanner(Max);
        Assert.False(scanner.Scan([0x30, 0x04, 0x00, 0x09, (byte)'a', (byte)'b']));
        Assert.Contains("declares a 9 byte topic in a 4 byte packet", scanner.Error, StringComparison.Ordinal);
    }

    /// <summary>A PUBLISH packet (QoS from <paramref name="typeByte"/>) with <paramref name="topic"/> and a short payload.</summary>
    private static byte[] Publish(byte typeByte, byte[] topic)
    {
        var qos = (typeByte >> 1) & 3;
        var body = new List<byte> { (byte)(topic.Length >> 8), (byte)topic.Length };
        body.AddRange(topic);
        if (qos > 0)
        {
            body.AddRange([0, 1]);
        }

        body.AddRange("payload"u8.ToArray());
        return [typeByte, (byte)body.Count, .. body];
    }
}
