using System.Buffers;
using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Http;

/// <summary>
/// Holds a converted answer until the conversion has succeeded, so a problem found half-way can still be a clean
/// 400 and the answer carries its <c>Content-Length</c>. Up to the memory threshold the bytes live in one pooled
/// array (grown by doubling); past it everything moves to a <see cref="FileBufferingWriteStream"/>, which spills to
/// a temporary file.
/// </summary>
internal sealed class ResponseBuffer(int memoryThreshold) : Stream
{
    private const int InitialSize = 16 * 1024;

    private byte[]? _buffer;
    private int _length;
    private FileBufferingWriteStream? _spill;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _spill?.Length ?? _length;

    public override long Position
    {
        get => Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_spill is not null)
        {
            _spill.Write(buffer);
            return;
        }

        var needed = (long)_length + buffer.Length;
        if (needed > memoryThreshold)
        {
            Spill().Write(buffer);
            return;
        }

        if (_buffer is null || needed > _buffer.Length)
        {
            Grow((int)needed);
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Writes everything held to <paramref name="destination"/>, once (a spilled buffer is emptied by it).</summary>
    public Task DrainAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_spill is not null)
        {
            return _spill.DrainBufferAsync(destination, cancellationToken);
        }

        return _length == 0 ? Task.CompletedTask : destination.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_spill is not null)
        {
            await _spill.DisposeAsync();
            _spill = null;
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spill?.Dispose();
            _spill = null;
            ReturnBuffer();
        }

        base.Dispose(disposing);
    }

    private void Grow(int needed)
    {
        var size = Math.Max(InitialSize, _buffer?.Length ?? 0);
        while (size < needed)
        {
            size = (int)Math.Min((long)size * 2, memoryThreshold);
        }

        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer?.AsSpan(0, _length).CopyTo(larger);
        ReturnBuffer();
        _buffer = larger;
    }

    private FileBufferingWriteStream Spill()
    {
        _spill = new FileBufferingWriteStream(memoryThreshold, bufferLimit: null, Path.GetTempPath);
        if (_length > 0)
        {
            _spill.Write(_buffer.AsSpan(0, _length));
        }

        ReturnBuffer();
        _length = 0;
        return _spill;
    }

    private void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
