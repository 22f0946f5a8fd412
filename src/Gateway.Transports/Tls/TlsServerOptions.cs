using System.ComponentModel.DataAnnotations;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Transports.Tls;

/// <summary>
/// TLS on a listener: <c>{ "Certificate": { "Path": "server.pem", "KeyPath": "server.key" }, "ClientCertificate":
/// "Require", "ClientCa": "clients-ca.pem" }</c>. TLS 1.2 and 1.3 only.
/// </summary>
public sealed class TlsServerOptions : IValidatableObject
{
    /// <summary>The server's certificate and key.</summary>
    public CertificateFileOptions? Certificate { get; set; }

    /// <summary>Whether clients are asked for a certificate: <c>None</c> (default), <c>Allow</c> or <c>Require</c>.</summary>
    public ClientCertificateMode ClientCertificate { get; set; }

    /// <summary>A PEM file of the CAs client certificates must chain to; without it, the system's trusted roots.</summary>
    public string? ClientCa { get; set; }

    /// <summary>Loads the files and builds the options of every handshake of the listener.</summary>
    public SslServerAuthenticationOptions CreateAuthenticationOptions()
    {
        var certificate = (Certificate ?? throw new InvalidOperationException("a server certificate is required.")).Load();
        var roots = string.IsNullOrEmpty(ClientCa) ? null : CertificateAuthorityFile.Load(ClientCa);
        var mode = ClientCertificate;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = mode != ClientCertificateMode.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, presented, chain, _) => presented is null
                ? mode != ClientCertificateMode.Require
                : mode == ClientCertificateMode.None || CertificateAuthorityFile.IsTrusted(presented, chain, roots),
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Certificate is null)
        {
            yield return new ValidationResult("a server certificate is required: { \"Path\": \"server.pem\", \"KeyPath\": \"server.key\" } or { \"Path\": \"server.pfx\", \"Password\": \"...\" }.", [nameof(Certificate)]);
        }

        if (!Enum.IsDefined(ClientCertificate))
        {
            yield return new ValidationResult($"'{ClientCertificate}' is not a client certificate mode; use None, Allow or Require.", [nameof(ClientCertificate)]);
        }

        if (!string.IsNullOrEmpty(ClientCa) && CertificateAuthorityFile.Check(ClientCa) is { } error)
        {
            yield return new ValidationResult(error, [nameof(ClientCa)]);
        }
    }
}
