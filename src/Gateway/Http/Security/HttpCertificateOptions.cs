using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Http.Security;

/// <summary>
/// <c>Gateway:Http:Certificate</c>: the server certificate for HTTPS, from a PEM file (with its key in <see cref="KeyPath"/>
/// or in the same file) or a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>). With it and no address configured, the
/// gateway listens on <c>https://localhost:5443</c>.
/// </summary>
public sealed class HttpCertificateOptions : IValidatableObject
{
    /// <summary>The certificate file: PEM, or PFX/PKCS#12 when it ends in <c>.pfx</c> or <c>.p12</c>.</summary>
    [Required(ErrorMessage = "Path is required: the PEM or PFX file of the server certificate.")]
    public string Path { get; set; } = string.Empty;

    /// <summary>The PEM private key file; absent when the key is in <see cref="Path"/> (PEM) or the file is PFX.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PFX file or of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>True for a PFX/PKCS#12 file.</summary>
    public bool IsPfx => System.IO.Path.GetExtension(Path).ToUpperInvariant() is ".PFX" or ".P12";

    /// <summary>Loads the certificate with its private key.</summary>
    public X509Certificate2 Load()
    {
        if (IsPfx)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(Path, Password);
        }

        var keyPath = string.IsNullOrEmpty(KeyPath) ? Path : KeyPath;
        return string.IsNullOrEmpty(Password)
            ? X509Certificate2.CreateFromPemFile(Path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(Path, Password, keyPath);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, file) in new[] { (nameof(Path), Path), (nameof(KeyPath), KeyPath) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                return [new ValidationResult($"file '{file}' not found.", [name])];
            }
        }

        if (string.IsNullOrEmpty(Path))
        {
            return [];
        }

        try
        {
            using var certificate = Load();
            return certificate.HasPrivateKey ? [] : [new ValidationResult($"'{Path}' holds no private key; name the key file in KeyPath.", [nameof(KeyPath)])];
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return [new ValidationResult($"cannot load the certificate from '{Path}': {ex.Message.TrimEnd('.')}. Give a PEM certificate with its key (KeyPath), or a PFX file with its Password.", [nameof(Path)])];
        }
    }
}
