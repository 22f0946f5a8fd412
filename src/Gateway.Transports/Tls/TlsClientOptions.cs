using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Transports.Tls;

/// <summary>
/// TLS on a connection the gateway opens: <c>{ "Ca": "ca.pem", "Certificate": { "Path": "client.pem", "KeyPath":
/// "client.key" } }</c>. The server's certificate must chain to <see cref="Ca"/> (or to the system's trusted roots)
/// and name the host connected to, unless <see cref="CheckHostName"/> is off.
/// </summary>
public sealed class TlsClientOptions : IValidatableObject
{
    /// <summary>A PEM file of the CAs the server's certificate must chain to; without it, the system's trusted roots.</summary>
    public string? Ca { get; set; }

    /// <summary>The client certificate to present, for servers that require one.</summary>
    public CertificateFileOptions? Certificate { get; set; }

    /// <summary>The name the server's certificate must carry; default the host connected to.</summary>
    public string? ServerName { get; set; }

    /// <summary>Whether the server's certificate must name the host (default true); off accepts any name from a trusted CA.</summary>
    public bool CheckHostName { get; set; } = true;

    /// <summary>The client certificate, loaded; null when none is configured.</summary>
    public X509Certificate2? LoadCertificate() => Certificate?.Load();

    /// <summary>The CA certificates, loaded; null for the system's trusted roots.</summary>
    public X509Certificate2Collection? LoadCa() => string.IsNullOrEmpty(Ca) ? null : CertificateAuthorityFile.Load(Ca);

    /// <summary>Whether a server certificate passes: chain to the CAs, and the name unless <see cref="CheckHostName"/> is off.</summary>
    public bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (certificate is null || (CheckHostName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)))
        {
            return false;
        }

        return roots is null ? !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) : CertificateAuthorityFile.IsTrusted(certificate, chain, roots);
    }

    /// <summary>Loads the files and builds the options of the handshakes with <paramref name="host"/>.</summary>
    public SslClientAuthenticationOptions CreateAuthenticationOptions(string host)
    {
        var roots = LoadCa();
        var certificate = LoadCertificate();
        return new SslClientAuthenticationOptions
        {
            TargetHost = string.IsNullOrEmpty(ServerName) ? host : ServerName,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            RemoteCertificateValidationCallback = (_, presented, chain, errors) => Accepts(presented, chain, errors, roots),
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Ca) && CertificateAuthorityFile.Check(Ca) is { } error)
        {
            yield return new ValidationResult(error, [nameof(Ca)]);
        }
    }
}
