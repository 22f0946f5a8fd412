using Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Http;

public sealed class RequestBodyBufferTests
{
    private const int Threshold = 4096;

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(Threshold, true)] // pooled array
    [InlineData(Threshold + 1, true)] // file buffering
    [InlineData(100, false)] // no Content-Length: file buffering
    [InlineData(50_000, false)]
    public async Task Returns_the_whole_body_from_position_0(int size, bool announced)
    {
        var expected = Bytes(size);
        await using var body = await RequestBodyBuffer.ReadAsync(Request(expected, announced), limit: 100_000, Threshold, CancellationToken.None);
        Assert.True(body.CanSeek);
        Assert.Equal(0, body.Position);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        Assert.Equal(expected, copy.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_throws(bool announced)
    {
        var request = Request(Bytes(2000), announced);
        await Assert.ThrowsAsync<RequestBodyTooLargeException>(() => RequestBodyBuffer.ReadAsync(request, limit: 1000, Threshold, CancellationToken.None));
    }

    private static DefaultHttpContext Context(byte[] body) => new() { Request = { Body = new MemoryStream(body) } };

    private static HttpRequest Request(byte[] body, bool announced)
    {
        var request = Context(body).Request;
        request.ContentLength = announced ? body.Length : null;
        return request;
    }

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}
