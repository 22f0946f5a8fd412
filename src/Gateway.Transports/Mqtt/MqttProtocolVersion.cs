namespace Gateway.Transports.Mqtt;

/// <summary>The MQTT protocol version a client speaks.</summary>
public enum MqttProtocolVersion
{
    /// <summary>MQTT 3.1.1: no user properties, no content type, no receive maximum.</summary>
    V311,

    /// <summary>MQTT 5.0 (the default).</summary>
    V500,
}
