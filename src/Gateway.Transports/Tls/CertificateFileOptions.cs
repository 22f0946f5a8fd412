using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Transports.Tls;

/// <summary>
/// A certificate with its private key, from files: <c>{ "Path": "server.pem", "KeyPath": "server.key" }</c> (PEM;
/// the key may also sit in the certificate's file) or <c>{ "Path": "server.pfx", "Password": "..." }</c> (PKCS#12,
/// by the extension <c>.pfx</c> or <c>.p12</c>). Relative paths are from the working directory.
/// </summary>
public sealed class CertificateFileOptions : IValidatableObject
{
    /// <summary>The certificate: a PEM file (the chain may follow it) or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key, when it is not in <see cref="Path"/>'s file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS#12 file or of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    private bool IsPkcs12 => System.IO.Path.GetExtension(Path) is { } extension
        && (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads the certificate with its key; throws <see cref="InvalidOperationException"/> naming the file and the problem.</summary>
    public X509Certificate2 Load()
    {
        if (string.IsNullOrEmpty(Path))
        {
            throw new InvalidOperationException("a certificate file (Path) is required.");
        }

        try
        {
            var certificate = IsPkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(Path, Password)
                : string.IsNullOrEmpty(Password)
                    ? X509Certificate2.CreateFromPemFile(Path, KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(Path, Password, KeyPath);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new InvalidOperationException($"'{Path}' holds no private key; give the key in KeyPath or use a PKCS#12 file with its key.");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"cannot load the certificate '{Path}'{(KeyPath is null ? string.Empty : $" with the key '{KeyPath}'")}: {ex.Message}", ex);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Path))
        {
            yield return new ValidationResult("a certificate file is required (PEM, or PKCS#12 with the extension .pfx or .p12).", [nameof(Path)]);
            yield break;
        }

        string? error = null;
        try
        {
            // Loaded once here so that a wrong path, key or password stops the start with its config path.
            using var certificate = Load();
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(Path)]);
        }
    }
}
