using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Tcp;

/// <summary>
/// A TCP client sink: <c>{ "Type": "Tcp", "Host": "127.0.0.1", "Port": 7000, "Framing": "NewLine", "Format": "Ndjson" }</c>.
/// It keeps one connection open and writes every message as one frame.
/// </summary>
public sealed class TcpSinkOptions : TcpFramingOptions
{
    /// <summary>The host to connect to: a DNS name or an IPv4 or IPv6 address.</summary>
    [Required]
    public string Host { get; set; } = string.Empty;

    /// <summary>The port to connect to.</summary>
    [Required]
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>How long one connection attempt may take; default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// TLS to the receiver: <c>{ "Ca": "ca.pem", "Certificate": { ... }, "ServerName": "...", "CheckHostName": true }</c>.
    /// Any of its keys turns TLS on; without it the connection is plain TCP.
    /// </summary>
    public Tls.TlsClientOptions? Tls { get; set; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (!string.IsNullOrEmpty(Host) && Uri.CheckHostName(Host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"'{Host}' is not a host name or IP address (write the host alone, no scheme or port).", [nameof(Host)]);
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{ConnectTimeout} is not a connect timeout; use a duration from 00:00:00.001 to 01:00:00.", [nameof(ConnectTimeout)]);
        }
    }
}
