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

    [Fact]
    public void Derived_ids_are_the_same_for_the_same_parent_and_part_and_differ_otherwise()
    {
        var parent = MessageIds.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        var other = MessageIds.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_000));

        var parts = Enumerable.Range(0, 10_000).Select(i => MessageIds.Derived(parent, i)).ToList();

        Assert.Equal(parts, Enumerable.Range(0, 10_000).Select(i => MessageIds.Derived(parent, i)));
        Assert.Equal(2 * parts.Count, parts.Concat(Enumerable.Range(0, 10_000).Select(i => MessageIds.Derived(other, i))).Distinct().Count());
        Assert.All(parts, id => Assert.Equal(8, id.Version));
        Assert.All(parts, id => Assert.Equal(0b1000, id.Variant & 0b1100));

        // The parent's time stays in front, so derived ids sort with their parent's time.
        Assert.Equal(parent.ToByteArray(bigEndian: true)[..6], parts[0].ToByteArray(bigEndian: true)[..6]);
        Assert.NotEqual(parent, parts[0]);
    }
}
