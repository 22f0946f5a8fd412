namespace Gateway.Transports.Mqtt;

/// <summary>
/// Follows MQTT packet boundaries through a byte stream, one chunk at a time: reads each fixed header (the type byte
/// and the 1 to 4 byte remaining length) and skips the body it announces. Reports the first header that is malformed
/// (a fifth length byte) or that announces a packet larger than the limit, before any of that packet's body arrives.
/// </summary>
internal struct MqttFixedHeaderScanner
{
    private const int MaxLengthBytes = 4;

    private readonly long _maxPacketSize;
    private State _state;
    private int _lengthBytes;
    private long _remainingLength;
    private long _bodyLeft;

    public MqttFixedHeaderScanner(long maxPacketSize)
    {
        _maxPacketSize = maxPacketSize;
        _state = State.TypeByte;
    }

    private enum State
    {
        TypeByte,
        Length,
        Body,
        Failed,
    }

    /// <summary>The problem found, once <see cref="Scan"/> returned false.</summary>
    public string? Error { get; private set; }

    /// <summary>Scans the next bytes of the stream; false (for good) once a header breaks the rules.</summary>
    public bool Scan(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.TypeByte:
                    _state = State.Length;
                    _lengthBytes = 0;
                    _remainingLength = 0;
                    i++;
                    break;
                case State.Length:
                    var b = bytes[i++];
                    _remainingLength |= (long)(b & 0x7F) << (7 * _lengthBytes);
                    _lengthBytes++;
                    if ((b & 0x80) != 0)
                    {
                        if (_lengthBytes == MaxLengthBytes)
                        {
                            return Fail("malformed remaining length: a fifth length byte follows (at most 4 are allowed)");
                        }

                        continue;
                    }

                    var packetSize = 1 + _lengthBytes + _remainingLength;
                    if (packetSize > _maxPacketSize)
                    {
                        return Fail($"a packet declares {packetSize} bytes, more than the {_maxPacketSize} allowed");
                    }

                    _bodyLeft = _remainingLength;
                    _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    break;
                case State.Body:
                    var skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += skip;
                    _bodyLeft -= skip;
                    if (_bodyLeft == 0)
                    {
                        _state = State.TypeByte;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private bool Fail(string error)
    {
        _state = State.Failed;
        Error = error;
        return false;
    }
}
