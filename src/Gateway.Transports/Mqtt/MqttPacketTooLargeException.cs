namespace Gateway.Transports.Mqtt;

/// <summary>
/// The embedded broker refused a packet: its fixed header announced more than <c>MaxPacketSize</c> bytes or was
/// malformed, or it was a PUBLISH with QoS 3 or a topic the MQTT specification forbids.
/// </summary>
public sealed class MqttPacketTooLargeException : Exception
{
    public MqttPacketTooLargeException()
    {
    }

    public MqttPacketTooLargeException(string message)
        : base(message)
    {
    }

    public MqttPacketTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
