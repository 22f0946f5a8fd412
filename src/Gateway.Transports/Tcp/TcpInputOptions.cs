using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Gateway.Transports.Tcp;

/// <summary>
/// A TCP listener: <c>{ "Type": "Tcp", "Port": 5020, "Framing": "NewLine", "Format": "Csv" }</c>. Every frame is one
/// message in the input's format.
/// </summary>
public sealed class TcpInputOptions : TcpFramingOptions
{
    /// <summary>The port to listen on; 0 takes any free port (the log line <c>Input ID listening on tcp://...</c> names it).</summary>
    [Required]
    [Range(0, 65535)]
    public int? Port { get; set; }

    /// <summary>
    /// The local address to listen on: an IPv4 or IPv6 address, or <c>localhost</c>. Default <c>127.0.0.1</c>, this
    /// machine only; <c>0.0.0.0</c> takes connections on every IPv4 interface, <c>::</c> on every interface.
    /// </summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The largest frame in bytes (without its delimiter or prefix); a longer one closes its connection. Default 1 MiB.</summary>
    [Range(1, 1024 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>How many connections may be open at once; further ones are closed as soon as they are accepted. Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 1000;

    /// <summary>
    /// How many of the <see cref="MaxConnections"/> one client address may hold; further ones from that address are
    /// closed as soon as they are accepted, so one client cannot take every slot. Default 100.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerClient { get; set; } = 100;

    /// <summary>
    /// How long a connection may send nothing before it is closed; default 5 minutes, <c>00:00:00</c> never closes
    /// one. A connection held back because its route is full is not idle.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>TLS on the listener (server certificate, optionally required client certificates); none by default.</summary>
    public Tls.TlsServerOptions? Tls { get; set; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (!TryParseHost(Host, out _))
        {
            yield return new ValidationResult(
                $"'{Host}' is not an IP address to listen on; use 127.0.0.1 (this machine), 0.0.0.0 (every IPv4 interface), :: (every interface), ::1 or localhost.",
                [nameof(Host)]);
        }

        if (IdleTimeout < TimeSpan.Zero || IdleTimeout > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"{IdleTimeout} is not an idle timeout; use a duration from 00:00:00 (never) to 1.00:00:00.", [nameof(IdleTimeout)]);
        }
    }

    /// <summary>The address to bind: an IP literal, or <c>localhost</c> as 127.0.0.1.</summary>
    internal static bool TryParseHost(string? host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(host?.Trim('[', ']') ?? string.Empty, out address);
    }
}
