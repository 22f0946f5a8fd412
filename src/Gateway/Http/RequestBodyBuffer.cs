using System.Buffers;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Http;

/// <summary>
/// Reads a whole request body before it is converted, so that a body too large or cut short is answered before any
/// conversion starts. A body that announces a <c>Content-Length</c> up to the memory threshold is read into one
/// pooled array (the common case: no temporary file, no per-request buffer allocation); a larger or chunked body is
/// buffered by <see cref="FileBufferingReadStream"/>, which spills to a temporary file past the threshold.
/// </summary>
internal static class RequestBodyBuffer
{
    /// <summary>
    /// Reads <paramref name="request"/>'s body (throwing <see cref="RequestBodyTooLargeException"/> past
    /// <paramref name="limit"/>) and returns it as a seekable stream at position 0; the caller disposes it.
    /// </summary>
    public static async Task<Stream> ReadAsync(HttpRequest request, long limit, int memoryThreshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new RequestBodyLimitStream(request.Body, limit);
        if (request.ContentLength is { } announced && announced <= memoryThreshold && announced <= limit)
        {
            var length = (int)announced;
            var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            try
            {
                var read = await body.ReadAtLeastAsync(rented.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);
                return new PooledReadStream(rented, read);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }
        }

        var buffered = new FileBufferingReadStream(body, memoryThreshold, bufferLimit: null, Path.GetTempPath);
        try
        {
            await buffered.DrainAsync(cancellationToken);
            buffered.Seek(0, SeekOrigin.Begin);
            return buffered;
        }
        catch
        {
            await buffered.DisposeAsync();
            throw;
        }
    }

    /// <summary>A read-only stream over a pooled array, which goes back to the pool when the stream is disposed.</summary>
    private sealed class PooledReadStream(byte[] rented, int length) : MemoryStream(rented, 0, length, writable: false)
    {
        private byte[]? _rented = rented;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Interlocked.Exchange(ref _rented, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}
