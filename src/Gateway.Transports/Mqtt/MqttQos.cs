namespace Gateway.Transports.Mqtt;

/// <summary>MQTT quality of service; config accepts the name or the number (<c>"Qos": 1</c>).</summary>
public enum MqttQos
{
    /// <summary>0: at most once, never acknowledged.</summary>
    AtMostOnce = 0,

    /// <summary>1: at least once (PUBACK).</summary>
    AtLeastOnce = 1,

    /// <summary>2: exactly once between two hops (PUBREC/PUBREL/PUBCOMP).</summary>
    ExactlyOnce = 2,
}
