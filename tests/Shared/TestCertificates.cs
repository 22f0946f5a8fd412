using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.TestSupport;

/// <summary>
/// A throwaway PKI made by the tests themselves: a CA, a server certificate for <c>localhost</c> and 127.0.0.1 signed
/// by it, a client certificate signed by it, and a certificate from a second CA nobody trusts. Written as PEM files to
/// a fresh folder, deleted on dispose.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>The trusted CA's certificate (PEM).</summary>
    public string CaPath => Path.Combine(Folder, "ca.pem");

    public string ServerPath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public string ClientPath => Path.Combine(Folder, "client.pem");

    public string ClientKeyPath => Path.Combine(Folder, "client.key");

    /// <summary>A client certificate signed by a CA that is not <see cref="CaPath"/>.</summary>
    public string StrangerPath => Path.Combine(Folder, "stranger.pem");

    public string StrangerKeyPath => Path.Combine(Folder, "stranger.key");

    /// <summary>A server certificate for <c>other.example</c> only, signed by the trusted CA.</summary>
    public string WrongNamePath => Path.Combine(Folder, "wrong-name.pem");

    public string WrongNameKeyPath => Path.Combine(Folder, "wrong-name.key");

    /// <summary>Makes the certificates in a new temp folder.</summary>
    public static TestCertificates Create()
    {
        var result = new TestCertificates(Directory.CreateTempSubdirectory("gateway-certs-").FullName);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateAuthority("CN=Gateway Test CA", caKey);
        File.WriteAllText(result.CaPath, ca.ExportCertificatePem());
        using var strangerCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = CreateAuthority("CN=Stranger CA", strangerCaKey);

        result.Issue(ca, "CN=localhost", ["localhost"], serverAuth: true, "server");
        result.Issue(ca, "CN=other.example", ["other.example"], serverAuth: true, "wrong-name");
        result.Issue(ca, "CN=device-1", [], serverAuth: false, "client");
        result.Issue(strangerCa, "CN=stranger", [], serverAuth: false, "stranger");
        return result;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 CreateAuthority(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private void Issue(X509Certificate2 issuer, string subject, string[] dnsNames, bool serverAuth, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (dnsNames.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var dns in dnsNames)
            {
                names.AddDnsName(dns);
            }

            if (dnsNames.Contains("localhost"))
            {
                names.AddIpAddress(IPAddress.Loopback);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(29), serial);
        File.WriteAllText(Path.Combine(Folder, name + ".pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Folder, name + ".key"), key.ExportPkcs8PrivateKeyPem());
    }
}
