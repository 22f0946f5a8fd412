using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Mqtt;

/// <summary>What the MQTT input and sink share: the broker, the client id, credentials and the protocol version.</summary>
public abstract class MqttConnectionOptions : IValidatableObject
{
    /// <summary><c>mqtt://host:port</c> (default port 1883) or <c>mqtts://host:port</c> (TLS, default port 8883).</summary>
    public string? Server { get; set; }

    /// <summary>The MQTT client id; when empty a stable id is derived from the input or sink id and the machine name.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary><c>V500</c> (default) or <c>V311</c>.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V500;

    /// <summary>How long connecting (TCP, TLS, CONNECT/CONNACK) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The MQTT keep-alive period: a ping when nothing else was sent for this long.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With <c>mqtts://</c>: the CA the broker's certificate must chain to (default the system's trusted roots), a
    /// client certificate to present, the name to expect, and whether to check it.
    /// </summary>
    public Tls.TlsClientOptions? Tls { get; set; }

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MqttServerAddress.TryParse(Server, out var address, out var error))
        {
            yield return new ValidationResult(error, [nameof(Server)]);
        }
        else if (Tls is not null && !address.UseTls)
        {
            yield return new ValidationResult($"Tls options need a TLS server address: write mqtts://{address.Host}:... instead of mqtt://.", [nameof(Tls)]);
        }

        if (ClientId is { Length: > 0 } id && (id.Length > 65535 || id.Contains('\0', StringComparison.Ordinal)))
        {
            yield return new ValidationResult("the client id must be at most 65535 characters without NUL.", [nameof(ClientId)]);
        }

        if (Password is not null && string.IsNullOrEmpty(Username) && ProtocolVersion == MqttProtocolVersion.V311)
        {
            yield return new ValidationResult("MQTT 3.1.1 sends a password only with a Username; set Username too.", [nameof(Password)]);
        }

        if (!Enum.IsDefined(ProtocolVersion))
        {
            yield return new ValidationResult($"'{ProtocolVersion}' is not a protocol version; use V311 or V500.", [nameof(ProtocolVersion)]);
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be more than 00:00:00 and at most 00:10:00.", [nameof(ConnectTimeout)]);
        }

        if (KeepAlive < TimeSpan.Zero || KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            yield return new ValidationResult("must be from 00:00:00 (off) to 18:12:15 (65535 seconds).", [nameof(KeepAlive)]);
        }
    }

    /// <summary>Checks a QoS value, which the binder accepts even when it is not a defined number.</summary>
    protected static ValidationResult? ValidateQos(MqttQos qos, string member) => Enum.IsDefined(qos)
        ? null
        : new ValidationResult($"'{(int)qos}' is not a QoS level; use 0, 1 or 2 (or AtMostOnce, AtLeastOnce, ExactlyOnce).", [member]);
}
