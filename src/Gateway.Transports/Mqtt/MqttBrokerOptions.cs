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
    public int Port { get; set; } = 1883;

    /// <summary>The largest packet (fixed header included) a client may send, in bytes; default 1 MiB.</summary>
    public int MaxPacketSize { get; set; } = 1024 * 1024;

    /// <summary>How many messages may wait for one slow subscriber before the oldest are dropped.</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;

    /// <summary>How long a client may take to send CONNECT and answer packets.</summary>
    public TimeSpan CommunicationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The accounts clients log in with (see <see cref="MqttBrokerUser"/>). With none, anyone may connect and do
    /// anything; as soon as one is configured, anonymous clients and unknown users are refused.
    /// </summary>
    public List<MqttBrokerUser> Users { get; set; } = [];

    /// <summary>A TLS listener beside the plain one, on <see cref="TlsPort"/>; none by default.</summary>
    public Tls.TlsServerOptions? Tls { get; set; }

    /// <summary>The port of the TLS listener (with <see cref="Tls"/>); default 8883, 0 picks a free one (logged).</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>How many retained messages the broker keeps over all topics; a retained publish beyond is refused. Default 10000.</summary>
    public int MaxRetainedMessages { get; set; } = 10_000;

    /// <summary>How many payload bytes the retained messages may hold together; default 64 MiB.</summary>
    public long MaxRetainedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many subscriptions one client (session) may hold; default 100.</summary>
    public int MaxSubscriptionsPerClient { get; set; } = 100;

    internal IPAddress Address => IPAddress.Parse(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Host, out _))
        {
            yield return new ValidationResult($"'{Host}' is not an IP address; use 127.0.0.1 (this machine), 0.0.0.0 (every interface) or ::.", [nameof(Host)]);
        }

        // Every check is here rather than in attributes: DataAnnotations skips this method when an attribute fails,
        // and the user should see every problem at once.
        if (Port is < 0 or > 65535)
        {
            yield return new ValidationResult($"{Port} is not a port; use 1 to 65535, or 0 for any free port.", [nameof(Port)]);
        }

        if (MaxPacketSize is < 16 or > 256 * 1024 * 1024)
        {
            yield return new ValidationResult("must be from 16 bytes to 268435456 (256 MiB, the MQTT maximum).", [nameof(MaxPacketSize)]);
        }

        if (MaxPendingMessagesPerClient is < 1 or > 1_000_000)
        {
            yield return new ValidationResult("must be from 1 to 1000000.", [nameof(MaxPendingMessagesPerClient)]);
        }

        if (CommunicationTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be more than 00:00:00.", [nameof(CommunicationTimeout)]);
        }

        if (TlsPort is < 0 or > 65535 || (Tls is not null && TlsPort == Port && Port != 0))
        {
            yield return new ValidationResult($"{TlsPort} is not a TLS port; use 1 to 65535 (not Port), or 0 for any free port.", [nameof(TlsPort)]);
        }

        if (MaxRetainedMessages is < 0 or > 10_000_000)
        {
            yield return new ValidationResult("must be from 0 (no retained messages) to 10000000.", [nameof(MaxRetainedMessages)]);
        }

        if (MaxRetainedBytes is < 0 or > 64L * 1024 * 1024 * 1024)
        {
            yield return new ValidationResult("must be from 0 to 68719476736 (64 GiB).", [nameof(MaxRetainedBytes)]);
        }

        if (MaxSubscriptionsPerClient is < 1 or > 1_000_000)
        {
            yield return new ValidationResult("must be from 1 to 1000000.", [nameof(MaxSubscriptionsPerClient)]);
        }

        foreach (var result in MqttBrokerUserValidation.Validate(Users, nameof(Users)))
        {
            yield return result;
        }
    }
}
