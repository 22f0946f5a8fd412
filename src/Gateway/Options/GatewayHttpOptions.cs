using System.ComponentModel.DataAnnotations;
using Gateway.Http.Security;

namespace Gateway.Options;

/// <summary>Limits, HTTPS certificate and <c>/convert</c>'s security of the HTTP host, bound from <c>Gateway:Http</c>.</summary>
public sealed class GatewayHttpOptions
{
    /// <summary>The default request body limit: 30 MiB.</summary>
    public const long DefaultMaxBodyBytes = 30L * 1024 * 1024;

    /// <summary>The largest request body accepted by <c>POST /convert</c> (with or without <c>Content-Length</c>); larger ones get 413.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "MaxBodyBytes must be a positive number of bytes (the default is 31457280, 30 MiB).")]
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The server certificate for HTTPS (PEM or PFX); absent: plain HTTP unless Kestrel is configured otherwise.</summary>
    public HttpCertificateOptions? Certificate { get; set; }

    /// <summary>Who may call <c>POST /convert</c>; absent: anyone.</summary>
    public HttpAuthOptions? ConvertAuth { get; set; }

    /// <summary>The rate limit of <c>POST /convert</c> per client; absent: none.</summary>
    public HttpRateLimitOptions? ConvertRateLimit { get; set; }
}
