using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace Gateway.Transports.Tcp;

/// <summary>
/// Writes messages as frames that a <see cref="FrameDecoder"/> with the same options reads back unchanged.
/// <see cref="GetEncodingError"/> says first when a body cannot be framed (empty, too long for the prefix, holding the
/// delimiter), since the receiver would then see other messages than were sent.
/// </summary>
public sealed class FrameEncoder
{
    private readonly Framing _framing;
    private readonly byte[] _delimiter;
    private readonly int _prefixBytes;
    private readonly bool _bigEndian;
    private readonly bool _prefixIncludesSelf;
    private readonly ulong _maxLength;

    public FrameEncoder(TcpFramingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _framing = options.Framing;
        _delimiter = _framing switch
        {
            Framing.NewLine => [(byte)'\n'],
            Framing.Delimiter => options.DelimiterBytes(),
            _ => [],
        };
        _prefixBytes = options.LengthPrefixBytes;
        _bigEndian = options.LengthPrefixEndian == Endianness.Big;
        _prefixIncludesSelf = options.LengthPrefixIncludesSelf;
        var prefixMax = _prefixBytes == 8 ? long.MaxValue : (1UL << (8 * _prefixBytes)) - 1;
        _maxLength = _framing == Framing.LengthPrefix ? prefixMax - (_prefixIncludesSelf ? (ulong)_prefixBytes : 0) : long.MaxValue;
    }

    /// <summary>Why <paramref name="payload"/> cannot be sent as one frame, or null when it can.</summary>
    public string? GetEncodingError(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return "the body is empty, and a receiver skips empty frames.";
        }

        if ((ulong)payload.Length > _maxLength)
        {
            return $"the body has {payload.Length} bytes and a {_prefixBytes}-byte length prefix counts at most {_maxLength}.";
        }

        if (_framing == Framing.Delimiter && !EndsOnlyAtTheDelimiter(payload))
        {
            return $"the body holds the frame delimiter ({DelimiterEscapes.Describe(_delimiter)}), so the receiver would cut it into several messages.";
        }

        return null;
    }

    /// <summary>
    /// Writes <paramref name="payload"/> as one frame. With <see cref="Framing.NewLine"/> the body is written as it is
    /// and a LF added unless it already ends with one, so a body of several lines (NDJSON, CSV) arrives as lines.
    /// Throws <see cref="ArgumentException"/> when <see cref="GetEncodingError"/> has an objection.
    /// </summary>
    public void Write(ReadOnlySpan<byte> payload, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (GetEncodingError(payload) is { } error)
        {
            throw new ArgumentException(error, nameof(payload));
        }

        switch (_framing)
        {
            case Framing.NewLine:
                writer.Write(payload);
                if (payload[^1] != (byte)'\n')
                {
                    writer.Write(_delimiter);
                }

                break;
            case Framing.Delimiter:
                writer.Write(payload);
                writer.Write(_delimiter);
                break;
            case Framing.LengthPrefix:
                WritePrefix((ulong)payload.Length + (_prefixIncludesSelf ? (ulong)_prefixBytes : 0), writer);
                writer.Write(payload);
                break;
            case Framing.OctetCounting:
                var header = writer.GetSpan(21);
                payload.Length.TryFormat(header, out var digits, default, CultureInfo.InvariantCulture);
                header[digits] = (byte)' ';
                writer.Advance(digits + 1);
                writer.Write(payload);
                break;
            default:
                throw new InvalidOperationException($"Unknown framing {_framing}.");
        }
    }

    private void WritePrefix(ulong length, IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(8);
        switch (_prefixBytes)
        {
            case 1:
                span[0] = (byte)length;
                break;
            case 2 when _bigEndian: BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length); break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length); break;
            case 4 when _bigEndian: BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length); break;
            case 8 when _bigEndian: BinaryPrimitives.WriteUInt64BigEndian(span, length); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, length); break;
        }

        writer.Advance(_prefixBytes);
    }

    /// <summary>
    /// Whether the first delimiter in <c>payload + delimiter</c> is the appended one: the body does not hold it, and
    /// its end does not begin one (<c>a</c> + delimiter <c>ab</c> is fine, <c>a</c> + <c>aa</c> reads as an earlier end).
    /// </summary>
    private bool EndsOnlyAtTheDelimiter(ReadOnlySpan<byte> payload)
    {
        if (payload.IndexOf(_delimiter) >= 0)
        {
            return false;
        }

        var tail = payload[Math.Max(0, payload.Length - (_delimiter.Length - 1))..];
        Span<byte> joined = stackalloc byte[tail.Length + _delimiter.Length];
        tail.CopyTo(joined);
        _delimiter.CopyTo(joined[tail.Length..]);
        return joined.IndexOf(_delimiter) == tail.Length;
    }
}
