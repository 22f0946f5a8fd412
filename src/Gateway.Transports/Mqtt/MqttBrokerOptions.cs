using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// The embedded MQTT broker (<c>Gateway:MqttBroker</c>), so devices can publish with no other server. Every packet's
/// fixed header is checked before the broker reads the packet: one declared larger than <see cref="MaxPacketSize"/>
/// closes its connection.
/// </summary>
public sealed class MqttBrokerOptions : IValidatableObject
{
    /// <summary>The configuration section, below <c>Gateway</c>.</summary>
    public const string SectionName = "MqttBroker";

    public bool Enabled { get; set; }

    /// <summary>The IP address to listen on: <c>127.0.0.1</c> (default, this machine only) or <c>0.0.0.0</c> (every interface, for devices).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (logged).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The largest packet (fixed header included) a client may send, in bytes; default 1 MiB.</summary>
    [Range(16, 256 * 1024 * 1024)]
    public int MaxPacketSize { get; set; } = 1024 * 1024;

    /// <summary>How many messages may wait for one slow subscriber before the oldest are dropped.</summary>
    [Range(1, 1_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;

    /// <summary>How long a client may take to send CONNECT and answer packets.</summary>
    public TimeSpan CommunicationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal IPAddress Address => IPAddress.Parse(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Host, out _))
        {
            yield return new ValidationResult($"'{Host}' is not an IP address; use 127.0.0.1 (this machine), 0.0.0.0 (every interface) or ::.", [nameof(Host)]);
        }

        if (CommunicationTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be more than 00:00:00.", [nameof(CommunicationTimeout)]);
        }
    }
}
