using System.ComponentModel.DataAnnotations;
using RabbitMQ.Client;

namespace Gateway.Transports.Amqp;

/// <summary>What the AMQP input and sink share: the broker to connect to.</summary>
public abstract class AmqpConnectionOptions : IValidatableObject
{
    /// <summary>
    /// <c>amqp://user:password@host:5672/vhost</c> (AMQP 0-9-1, RabbitMQ), or <c>amqps://</c> for TLS (default port
    /// 5671). Without user and password RabbitMQ's <c>guest</c> account is used, which it accepts on loopback only.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>How long connecting (TCP, TLS, the AMQP handshake) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return new ValidationResult("a broker URL is required, for example \"amqp://127.0.0.1:5672\".", [nameof(Url)]);
        }
        else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
        {
            yield return new ValidationResult($"'{DisplayUrl}' is not an AMQP URL; use amqp://host:port/vhost or amqps://host:port/vhost.", [nameof(Url)]);
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be more than 00:00:00 and at most 00:10:00.", [nameof(ConnectTimeout)]);
        }
    }

    /// <summary>The URL without credentials, for logs, health and errors.</summary>
    internal string DisplayUrl => Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
        ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
        : Url ?? string.Empty;

    /// <summary>A connection factory for <see cref="Url"/>. Recovery is the input's and sink's own: they reconnect and declare again.</summary>
    internal ConnectionFactory CreateFactory(string name) => new()
    {
        Uri = new Uri(Url!),
        ClientProvidedName = name,
        RequestedConnectionTimeout = ConnectTimeout,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
    };
}
