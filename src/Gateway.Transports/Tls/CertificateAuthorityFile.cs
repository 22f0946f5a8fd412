using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Transports.Tls;

/// <summary>Reads a PEM bundle of CA certificates and checks a peer's certificate against it.</summary>
internal static class CertificateAuthorityFile
{
    /// <summary>Loads every certificate of the PEM file; throws <see cref="InvalidOperationException"/> naming the file.</summary>
    public static X509Certificate2Collection Load(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"cannot read the CA file '{path}': {ex.Message}", ex);
        }

        return collection.Count > 0 ? collection : throw new InvalidOperationException($"'{path}' holds no PEM certificate.");
    }

    /// <summary>Returns the problem with <paramref name="path"/>, or null when it holds at least one certificate.</summary>
    public static string? Check(string path)
    {
        try
        {
            Load(path);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <paramref name="roots"/> (or, when null, to the system's
    /// trusted roots). Revocation is not checked: the gateway must not depend on reaching a CRL or OCSP server.
    /// </summary>
    public static bool IsTrusted(X509Certificate certificate, X509Chain? presented, X509Certificate2Collection? roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (roots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        }

        if (presented is not null)
        {
            // Intermediates the peer sent with its certificate.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        // SslStream and MQTTnet always hand over an X509Certificate2.
        return certificate is X509Certificate2 leaf && chain.Build(leaf);
    }
}
