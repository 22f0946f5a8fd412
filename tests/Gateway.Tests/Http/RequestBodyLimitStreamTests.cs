using Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Http;

/// <summary>The limit counted on what is read, by both read paths, and a broken body as a 400 (found by mutation testing).</summary>
public sealed class RequestBodyLimitStreamTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_limit_reads_whole_and_one_byte_more_throws(bool async)
    {
        using var atLimit = new RequestBodyLimitStream(new MemoryStream(new byte[10]), limit: 10);
        Assert.Equal(10, await ReadAllAsync(atLimit, async));
        Assert.Equal(10, atLimit.Position);

        using var over = new RequestBodyLimitStream(new MemoryStream(new byte[11]), limit: 10);
        var error = await Assert.ThrowsAsync<RequestBodyTooLargeException>(() => ReadAllAsync(over, async));
        Assert.Equal("The request body is larger than the limit of 10 bytes.", error.Message);
        Assert.Equal(10, error.Limit);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_that_breaks_while_read_is_a_400_naming_the_cause(bool async)
    {
        using var broken = new RequestBodyLimitStream(new BrokenStream(), limit: 10);
        var error = await Assert.ThrowsAsync<BadHttpRequestException>(() => ReadAllAsync(broken, async));
        Assert.Equal(StatusCodes.Status400BadRequest, error.StatusCode);
        Assert.Equal("chunk size overflow (the request's chunked encoding or connection is broken).", error.Message);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void It_is_a_read_only_forward_only_stream()
    {
        using var stream = new RequestBodyLimitStream(new MemoryStream(new byte[3]), limit: 10);
        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(1));
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[1], 0, 1));
    }

    private static async Task<int> ReadAllAsync(Stream stream, bool async)
    {
        var buffer = new byte[4];
        var total = 0;
        int read;
        do
        {
            read = async ? await stream.ReadAsync(buffer.AsMemory()) : stream.Read(buffer, 0, buffer.Length);
            total += read;
        }
        while (read > 0);

        return total;
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override int Read(Span<byte> buffer) => throw new IOException("chunk size overflow.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("chunk size overflow."));
    }
}
