namespace Gateway.Transports.Mqtt;

/// <summary>
/// Follows MQTT packet boundaries through a byte stream, one chunk at a time: reads each fixed header (the type byte
/// and the 1 to 4 byte remaining length) and skips the body it announces. Reports the first header that is malformed
/// (a fifth length byte) or that announces a packet larger than the limit, before any of that packet's body arrives.
/// Of a PUBLISH it also reads the topic name, and reports QoS 3 and topics with wildcards, NUL or invalid UTF-8,
/// which MQTT (3.1.1 and 5.0) requires the server to answer by closing the connection and MQTTnet would let through.
/// </summary>
internal struct MqttFixedHeaderScanner
{
    private const int MaxLengthBytes = 4;
    private const int PublishType = 3;

    private readonly long _maxPacketSize;
    private State _state;
    private int _lengthBytes;
    private long _remainingLength;
    private long _bodyLeft;
    private byte _typeByte;
    private int _topicLength;
    private int _topicRead;
    private byte[]? _topic;

    public MqttFixedHeaderScanner(long maxPacketSize)
    {
        _maxPacketSize = maxPacketSize;
        _state = State.TypeByte;
    }

    private enum State
    {
        TypeByte,
        Length,
        TopicLength,
        Topic,
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
                    _typeByte = bytes[i];
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
                    if (_typeByte >> 4 == PublishType)
                    {
                        if (((_typeByte >> 1) & 3) == 3)
                        {
                            return Fail("a PUBLISH with QoS 3, which does not exist (malformed packet)");
                        }

                        if (_bodyLeft < 2)
                        {
                            return Fail("a PUBLISH too short to hold its topic (malformed packet)");
                        }

                        _topicLength = 0;
                        _topicRead = 0;
                        _state = State.TopicLength;
                        break;
                    }

                    _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    break;
                case State.TopicLength:
                    _topicLength = (_topicLength << 8) | bytes[i++];
                    if (--_bodyLeft == _remainingLength - 2)
                    {
                        if (_topicLength > _bodyLeft)
                        {
                            return Fail($"a PUBLISH declares a {_topicLength} byte topic in a {_remainingLength} byte packet (malformed packet)");
                        }

                        if (_topic is null || _topic.Length < _topicLength)
                        {
                            _topic = new byte[Math.Max(_topicLength, 256)];
                        }

                        _state = _topicLength == 0 ? State.Body : State.Topic;
                        if (_topicLength == 0 && _bodyLeft == 0)
                        {
                            _state = State.TypeByte;
                        }
                    }

                    break;
                case State.Topic:
                    var take = Math.Min(_topicLength - _topicRead, bytes.Length - i);
                    bytes.Slice(i, take).CopyTo(_topic.AsSpan(_topicRead));
                    i += take;
                    _topicRead += take;
                    _bodyLeft -= take;
                    if (_topicRead == _topicLength)
                    {
                        if (TopicError(_topic.AsSpan(0, _topicLength)) is { } topicError)
                        {
                            return Fail(topicError);
                        }

                        _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    }

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

    /// <summary>What makes a PUBLISH topic name unusable (MQTT 5.0 sections 1.5.4, 4.7.1 and 4.7.3), or null.</summary>
    private static string? TopicError(ReadOnlySpan<byte> topic)
    {
        if (topic.IndexOfAny((byte)'+', (byte)'#') >= 0)
        {
            return "a PUBLISH to a topic with a wildcard ('+' or '#'), which only subscriptions may use";
        }

        if (topic.Contains((byte)0))
        {
            return "a PUBLISH to a topic with a NUL character";
        }

        return System.Text.Unicode.Utf8.IsValid(topic) ? null : "a PUBLISH to a topic that is not valid UTF-8";
    }

    private bool Fail(string error)
    {
        _state = State.Failed;
        Error = error;
        return false;
    }
}
