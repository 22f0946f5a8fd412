using Gateway.Http;

namespace Gateway.Tests.Http;

public sealed class ResponseBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20_000)] // grows past the first pooled array
    [InlineData(64 * 1024)] // exactly the threshold: still in memory
    [InlineData(64 * 1024 + 1)] // one byte over: spilled
    [InlineData(300_000)]
    public async Task Drains_exactly_what_was_written_in_memory_or_spilled(int size)
    {
        var expected = Bytes(size);
        await using var buffer = new ResponseBuffer(memoryThreshold: 64 * 1024);
        for (var offset = 0; offset < size; offset += 1000)
        {
            buffer.Write(expected.AsSpan(offset, Math.Min(1000, size - offset)));
            Assert.Equal(Math.Min(offset + 1000, size), buffer.Length);
        }

        Assert.Equal(size, buffer.Length);
        using var destination = new MemoryStream();
        await buffer.DrainAsync(destination, CancellationToken.None);
        Assert.Equal(expected, destination.ToArray());
    }

    [Fact]
    public async Task One_write_larger_than_the_threshold_spills()
    {
        var expected = Bytes(100_000);
        await using var buffer = new ResponseBuffer(memoryThreshold: 4096);
        buffer.WriteByte(expected[0]);
        buffer.Write(expected, 1, expected.Length - 1);
        using var destination = new MemoryStream();
        await buffer.DrainAsync(destination, CancellationToken.None);
        Assert.Equal(expected, destination.ToArray());
    }

    [Fact]
    public void Is_write_only()
    {
        using var buffer = new ResponseBuffer(1024);
        Assert.False(buffer.CanRead);
        Assert.False(buffer.CanSeek);
        Assert.Throws<NotSupportedException>(() => buffer.Read(new byte[1], 0, 1));
    }

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}
