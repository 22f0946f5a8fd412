using System.Buffers;
using System.Buffers.Binary;

namespace Gateway.Transports.Tcp;

/// <summary>
/// Cuts a byte stream into frames. Give it what is buffered (a pipe's <see cref="ReadOnlySequence{T}"/>): it returns
/// one complete frame at a time, or false when more bytes are needed, and throws <see cref="InvalidFrameException"/>
/// as soon as the bytes cannot become a valid frame, so memory stays bounded by <c>MaxFrameBytes</c>. Empty frames
/// are skipped. One decoder per connection: it remembers how far it already searched for a delimiter.
/// </summary>
public sealed class FrameDecoder
{
    private static readonly byte[] LineFeed = [(byte)'\n'];

    private readonly Framing _framing;
    private readonly byte[] _delimiter;
    private readonly int _prefixBytes;
    private readonly bool _bigEndian;
    private readonly bool _prefixIncludesSelf;
    private readonly long _maxFrameBytes;
    private long _searched;

    public FrameDecoder(TcpFramingOptions options, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameBytes, 1);
        _framing = options.Framing;
        _delimiter = _framing switch
        {
            Framing.NewLine => LineFeed,
            Framing.Delimiter => options.DelimiterBytes(),
            _ => [],
        };
        _prefixBytes = options.LengthPrefixBytes;
        _bigEndian = options.LengthPrefixEndian == Endianness.Big;
        _prefixIncludesSelf = options.LengthPrefixIncludesSelf;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>
    /// Takes the next non-empty frame from the start of <paramref name="buffer"/> and moves <paramref name="buffer"/>
    /// past it; false when <paramref name="buffer"/> does not hold a whole frame yet (call again with the same start
    /// and more bytes).
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        while (true)
        {
            var found = _framing switch
            {
                Framing.NewLine or Framing.Delimiter => TryReadDelimited(ref buffer, out frame),
                Framing.LengthPrefix => TryReadLengthPrefixed(ref buffer, out frame),
                Framing.OctetCounting => TryReadOctetCounted(ref buffer, out frame),
                _ => throw new InvalidOperationException($"Unknown framing {_framing}."),
            };
            if (!found || !frame.IsEmpty)
            {
                return found;
            }
        }
    }

    /// <summary>
    /// What to make of the bytes left when the peer closed the connection: with <see cref="Framing.NewLine"/> a last
    /// line without LF is still a line (true); in the other framings the rest is an incomplete frame (false).
    /// </summary>
    public bool TryReadLastFrame(ReadOnlySequence<byte> remainder, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (_framing != Framing.NewLine || remainder.IsEmpty)
        {
            return false;
        }

        frame = WithoutTrailingCarriageReturn(remainder);
        if (frame.Length > _maxFrameBytes)
        {
            throw TooLong(frame.Length);
        }

        return !frame.IsEmpty;
    }

    private bool TryReadDelimited(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        // Only the bytes that arrived since the last call need searching, plus a delimiter split across the boundary.
        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(Math.Max(0, Math.Min(_searched, buffer.Length) - (_delimiter.Length - 1)));
        var found = _delimiter.Length == 1
            ? reader.TryAdvanceTo(_delimiter[0], advancePastDelimiter: true)
            : reader.TryReadTo(out ReadOnlySequence<byte> _, _delimiter, advancePastDelimiter: true);
        if (!found)
        {
            _searched = buffer.Length;

            // The last bytes may be the start of a delimiter (a CR before LF), so they may not count yet.
            var slack = _framing == Framing.NewLine ? 1 : _delimiter.Length - 1;
            if (buffer.Length - slack > _maxFrameBytes)
            {
                throw new InvalidFrameException(
                    $"{buffer.Length - slack} bytes without a {DelimiterName()}: the frame is longer than MaxFrameBytes ({_maxFrameBytes}).");
            }

            frame = default;
            return false;
        }

        _searched = 0;
        frame = buffer.Slice(0, reader.Consumed - _delimiter.Length);
        if (_framing == Framing.NewLine)
        {
            frame = WithoutTrailingCarriageReturn(frame);
        }

        if (frame.Length > _maxFrameBytes)
        {
            throw TooLong(frame.Length);
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private bool TryReadLengthPrefixed(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < _prefixBytes)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[8];
        buffer.Slice(0, _prefixBytes).CopyTo(prefix);
        var declared = _prefixBytes switch
        {
            1 => prefix[0],
            2 => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(prefix) : BinaryPrimitives.ReadUInt16LittleEndian(prefix),
            4 => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(prefix) : BinaryPrimitives.ReadUInt32LittleEndian(prefix),
            _ => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(prefix) : BinaryPrimitives.ReadUInt64LittleEndian(prefix),
        };
        if (declared > long.MaxValue)
        {
            throw new InvalidFrameException($"the length prefix {declared} is over the largest length there can be ({long.MaxValue}).");
        }

        var length = (long)declared;
        if (_prefixIncludesSelf)
        {
            if (length < _prefixBytes)
            {
                throw new InvalidFrameException(
                    $"the length prefix {length} is smaller than the prefix itself ({_prefixBytes} bytes), and LengthPrefixIncludesSelf is true.");
            }

            length -= _prefixBytes;
        }

        if (length > _maxFrameBytes)
        {
            throw TooLong(length);
        }

        if (buffer.Length - _prefixBytes < length)
        {
            return false;
        }

        frame = buffer.Slice(_prefixBytes, length);
        buffer = buffer.Slice(_prefixBytes + length);
        return true;
    }

    private bool TryReadOctetCounted(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        // RFC 6587 section 3.4.1: MSG-LEN SP SYSLOG-MSG, MSG-LEN = NONZERO-DIGIT *DIGIT.
        frame = default;
        var reader = new SequenceReader<byte>(buffer);
        long length = 0;
        while (reader.TryRead(out var b))
        {
            if (b == (byte)' ' && reader.Consumed > 1)
            {
                if (reader.Remaining < length)
                {
                    return false;
                }

                frame = buffer.Slice(reader.Position, length);
                buffer = buffer.Slice(reader.Consumed + length);
                return true;
            }

            if (b is < (byte)'0' or > (byte)'9' || (b == (byte)'0' && reader.Consumed == 1))
            {
                throw new InvalidFrameException(
                    $"malformed octet count: {Show(b)} at byte {reader.Consumed} of the frame header; RFC 6587 frames start with the length in decimal digits without leading zeros, then a space (\"5 hello\").");
            }

            length = (length * 10) + (b - '0');
            if (length > _maxFrameBytes)
            {
                throw new InvalidFrameException($"an octet count of {length} or more is over MaxFrameBytes ({_maxFrameBytes}).");
            }
        }

        return false;
    }

    private static ReadOnlySequence<byte> WithoutTrailingCarriageReturn(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty)
        {
            return line;
        }

        var last = line.Slice(line.Length - 1);
        return last.FirstSpan[0] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
    }

    private InvalidFrameException TooLong(long length) =>
        new($"a frame of {length} bytes is longer than MaxFrameBytes ({_maxFrameBytes}).");

    private string DelimiterName() => _framing == Framing.NewLine ? "line feed" : $"delimiter ({DelimiterEscapes.Describe(_delimiter)})";

    private static string Show(byte b) => b is >= 0x21 and < 0x7F ? $"'{(char)b}'" : $"byte 0x{b:X2}";
}
