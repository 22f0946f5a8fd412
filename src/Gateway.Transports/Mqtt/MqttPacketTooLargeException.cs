namespace Gateway.Transports.Mqtt;

/// <summary>The embedded broker refused a packet: its fixed header announced more than <c>MaxPacketSize</c> bytes or was malformed.</summary>
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
