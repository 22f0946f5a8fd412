using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Nats;

/// <summary>What the NATS input and sink share: the servers to connect to, and how a stream they create is replicated.</summary>
public abstract class NatsConnectionOptions : IValidatableObject
{
    /// <summary>The URL schemes NATS.Net connects with.</summary>
    private static readonly string[] Schemes = ["nats", "tls", "ws", "wss"];

    /// <summary>
    /// <c>nats://host:port</c> (default port 4222), or several separated by commas (the servers of one cluster; the
    /// client picks one and fails over to the others). User and password may be given in the URL
    /// (<c>nats://user:password@host:4222</c>).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>How long connecting to a server may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// JetStream: on how many servers of the cluster a stream the gateway creates keeps its messages (1 to 5; default
    /// 1). Used only when the stream does not exist yet; an existing stream keeps its own setting.
    /// </summary>
    [Range(1, 5)]
    public int Replicas { get; set; } = 1;

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return new ValidationResult("a server URL is required, for example \"nats://127.0.0.1:4222\".", [nameof(Url)]);
        }
        else
        {
            foreach (var part in Url.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase) || string.IsNullOrEmpty(uri.Host))
                {
                    yield return new ValidationResult($"'{part}' is not a NATS server URL; use nats://host:port ({string.Join(", ", Schemes.Select(s => s + "://"))}).", [nameof(Url)]);
                }
            }
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be more than 00:00:00 and at most 00:10:00.", [nameof(ConnectTimeout)]);
        }
    }

    /// <summary>The URL without credentials, for logs and health.</summary>
    internal string DisplayUrl => string.Join(',', (Url ?? string.Empty).Split(',', StringSplitOptions.TrimEntries).Select(Redact));

    private static string Redact(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
        ? $"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort ? 4222 : uri.Port)}"
        : url;
}
