using System.Buffers;

namespace Gateway.Formats.Streams;

/// <summary>
/// A pooled, growable window over a stream: <see cref="Data"/> holds the bytes read but not yet consumed.
/// Readers consume from the front, and <see cref="Fill"/> compacts and reads more, growing up to a limit.
/// </summary>
internal sealed class StreamBuffer(Stream stream, long maxBytes, int initialSize = 64 * 1024) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    private int _start;
    private int _end;

    /// <summary>Unconsumed bytes.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>True once the stream reported its end.</summary>
    public bool EndOfStream { get; private set; }

    /// <summary>Bytes consumed before <see cref="Data"/> starts, for positions in error messages.</summary>
    public long Offset { get; private set; }

    public void Consume(int count)
    {
        _start += count;
        Offset += count;
    }

    /// <summary>
    /// Reads more bytes, keeping the unconsumed ones: at least <paramref name="minBytes"/> unless the stream ends
    /// first (callers that rescan a partial record ask for a share of what they hold, so rescans stay linear).
    /// Returns false when nothing more could be read. Throws when one record would grow past the limit.
    /// </summary>
    public bool Fill(int minBytes = 1)
    {
        if (EndOfStream)
        {
            return false;
        }

        var length = _end - _start;
        if (_start > 0 && length > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
        }

        _start = 0;
        _end = length;
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxBytes)
            {
                throw new RecordTooLargeException(maxBytes);
            }

            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min((long)_buffer.Length * 2, maxBytes), Array.MaxLength));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var total = 0;
        var wanted = Math.Min(Math.Max(1, minBytes), _buffer.Length - _end);
        while (total < wanted)
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                EndOfStream = true;
                break;
            }

            _end += read;
            total += read;
        }

        return total > 0;
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
