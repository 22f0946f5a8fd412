using System.Buffers;

namespace Gateway.Formats.Streams;

/// <summary>
/// Batches small writes into one buffer flushed to the stream past a threshold, while a write larger than the
/// threshold goes straight to the stream: the buffer never grows with the size of a record.
/// </summary>
internal sealed class PendingOutput(Stream output, int threshold = 64 * 1024)
{
    // Starts small and grows to the threshold only for outputs that need it: one writer per small message (HTTP,
    // TCP and MQTT bodies) must not allocate a large-object-heap array each time.
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Min(threshold * 2, 4096));

    /// <summary>The buffer itself, for writers (a <c>Utf8JsonWriter</c>) that produce into an <see cref="IBufferWriter{T}"/>; call <see cref="FlushIfFull"/> after.</summary>
    public IBufferWriter<byte> Buffer => _buffer;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= threshold)
        {
            Flush();
            output.Write(bytes);
            return;
        }

        _buffer.Write(bytes);
        FlushIfFull();
    }

    public void FlushIfFull()
    {
        if (_buffer.WrittenCount >= threshold)
        {
            Flush();
        }
    }

    /// <summary>Writes out what is buffered (the stream itself is not flushed).</summary>
    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }
}
