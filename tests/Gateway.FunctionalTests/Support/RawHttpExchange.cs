using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// One HTTP/1.1 request written byte by byte on a plain socket, so a test controls exactly what goes on the wire:
/// a chunked body without <c>Content-Length</c>, chunks flushed one at a time, or a malformed chunk size.
/// <see cref="HttpClient"/> cannot be trusted for that: a handler may buffer the body and send a length instead.
/// </summary>
public sealed class RawHttpExchange
{
    private RawHttpExchange(int status, string head, string body)
    {
        Status = status;
        Head = head;
        Body = body;
    }

    /// <summary>The status code of the answer.</summary>
    public int Status { get; }

    /// <summary>The status line and headers of the answer, as received.</summary>
    public string Head { get; }

    /// <summary>The body of the answer (chunked answers are de-chunked).</summary>
    public string Body { get; }

    /// <summary>
    /// Sends <paramref name="chunks"/> as a chunked body (one chunk each, flushed separately, then the last chunk)
    /// and reads the whole answer; the connection is closed after it.
    /// </summary>
    public static Task<RawHttpExchange> PostChunkedAsync(Uri address, string pathAndQuery, string contentType, IEnumerable<byte[]> chunks) =>
        SendAsync(address, pathAndQuery, contentType, async stream =>
        {
            foreach (var chunk in chunks)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
                await stream.FlushAsync();
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        });

    /// <summary>Cuts <paramref name="body"/> into chunks of <paramref name="size"/> bytes.</summary>
    public static IEnumerable<byte[]> Chunks(byte[] body, int size) => body.Chunk(size);

    private static async Task<RawHttpExchange> SendAsync(Uri address, string pathAndQuery, string contentType, Func<NetworkStream, Task> writeBody)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Delivery);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = client.GetStream();
        var head = $"POST {pathAndQuery} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {contentType}\r\n" +
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        try
        {
            await writeBody(stream);
        }
        catch (IOException)
        {
            // The server may answer (413) and close before the whole body is written; the answer is still readable.
        }

        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException) when (answer.Length > 0)
        {
            // A reset after the answer arrived (the server closed with unread body bytes) loses nothing we need.
        }

        return Parse(answer.ToArray());
    }

    private static RawHttpExchange Parse(byte[] answer)
    {
        var end = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"Not an HTTP answer: '{Encoding.UTF8.GetString(answer)}'.");
        }

        var head = Encoding.ASCII.GetString(answer, 0, end);
        var body = answer.AsSpan(end + 4);
        var status = int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var text = head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)
            ? Dechunk(body)
            : Encoding.UTF8.GetString(body);
        return new RawHttpExchange(status, head, text);
    }

    private static string Dechunk(ReadOnlySpan<byte> body)
    {
        var result = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(body[..lineEnd]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(result.GetBuffer(), 0, (int)result.Length);
            }

            result.Write(body.Slice(lineEnd + 2, size));
            body = body[(lineEnd + 2 + size + 2)..];
        }
    }
}
