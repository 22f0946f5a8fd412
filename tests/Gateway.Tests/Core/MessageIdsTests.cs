using Gateway.Core.Messages;

namespace Gateway.Tests.Core;

public sealed class MessageIdsTests
{
    [Fact]
    public void Ids_are_version_7_with_the_rfc_variant_and_carry_their_time()
    {
        var time = new DateTimeOffset(2026, 11, 23, 20, 15, 42, 123, TimeSpan.Zero);
        var id = MessageIds.NewId(time);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, id.Variant & 0b1100);
        var bytes = id.ToByteArray(bigEndian: true);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        Assert.Equal(time.ToUnixTimeMilliseconds(), milliseconds);
    }

    [Fact]
    public void Ids_are_unique_and_sort_by_millisecond()
    {
        var earlier = Enumerable.Range(0, 50_000).Select(_ => MessageIds.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_000))).ToList();
        var later = MessageIds.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_001));

        Assert.Equal(earlier.Count, earlier.Distinct().Count());
        Assert.All(earlier, id => Assert.True(id.CompareTo(later) < 0));
    }
}
