using System.Buffers;

namespace Gateway.Formats.Streams;

/// <summary>
/// Batches small writes into one buffer flushed to the stream past a threshold, while a write larger than the
/// threshold goes straight to the stream: the buffer never grows with the size of a record. The buffer is rented
/// from <see cref="ArrayPool{T}.Shared"/> and goes back on <see cref="Dispose"/>.
/// </summary>
internal sealed class PendingOutput(Stream output, int threshold = 64 * 1024) : IBufferWriter<byte>, IDisposable
{
    // Starts small and grows towards the threshold only for outputs that need it; pooled, so one writer per small
    // message (HTTP, TCP and MQTT bodies) allocates no buffer at all, not even while growing.
    private const int InitialSize = 16 * 1024;

    private byte[]? _buffer;
    private int _count;

    /// <summary>The buffer itself, for writers (a <c>Utf8JsonWriter</c>) that produce into an <see cref="IBufferWriter{T}"/>; call <see cref="FlushIfFull"/> after.</summary>
    public IBufferWriter<byte> Buffer => this;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= threshold)
        {
            Flush();
            output.Write(bytes);
            return;
        }

        bytes.CopyTo(GetSpan(bytes.Length));
        _count += bytes.Length;
        FlushIfFull();
    }

    public void FlushIfFull()
    {
        if (_count >= threshold)
        {
            Flush();
        }
    }

    /// <summary>Writes out what is buffered (the stream itself is not flushed).</summary>
    public void Flush()
    {
        if (_count > 0)
        {
            output.Write(_buffer.AsSpan(0, _count));
            _count = 0;
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, (_buffer?.Length ?? 0) - _count);
        _count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_count);
    }

    /// <summary>Returns the buffer to the pool; what is still buffered is dropped (call <see cref="Flush"/> first).</summary>
    public void Dispose()
    {
        _count = 0;
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        var needed = (long)_count + Math.Max(sizeHint, 1);
        if (_buffer is not null && needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, Math.Max(Math.Min(threshold * 2L, InitialSize), (_buffer?.Length ?? 0) * 2L));
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        _buffer?.AsSpan(0, _count).CopyTo(larger);
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
