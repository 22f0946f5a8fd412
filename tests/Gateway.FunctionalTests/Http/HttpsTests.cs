using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Http;

/// <summary>
/// HTTPS with <c>Gateway:Http:Certificate</c> (PEM and PFX files the test creates), real TLS handshakes, and an input
/// that authenticates clients by certificate.
/// </summary>
public sealed class HttpsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _files = new("gateway-ft-tls-");

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task The_gateway_serves_https_with_the_configured_certificate(string kind)
    {
        using var server = ServerCertificate();
        var certificate = kind == "pem"
            ? $$"""{ "Path": {{GatewayConfig.Quote(WritePem("server.pem", server))}}, "KeyPath": {{GatewayConfig.Quote(WriteKey("server.key", server))}} }"""
            : $$"""{ "Path": {{GatewayConfig.Quote(WritePfx("server.pfx", server, "secret"))}}, "Password": "secret" }""";
        await using var gateway = await StartAsync(certificate, clientThumbprint: null);

        string? seen = null;
        using var client = Client(server, null, thumbprint => seen = thumbprint);
        using var response = await client.GetAsync(new Uri(gateway.HttpAddress, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https", gateway.HttpAddress.Scheme);
        Assert.Equal(server.Thumbprint, seen);
    }

    [Fact]
    public async Task An_input_with_certificate_auth_takes_only_the_pinned_client_certificate()
    {
        using var server = ServerCertificate();
        using var pinned = ClientCertificate("CN=device-1");
        using var stranger = ClientCertificate("CN=device-2");
        var certificate = $$"""{ "Path": {{GatewayConfig.Quote(WritePem("server.pem", server))}}, "KeyPath": {{GatewayConfig.Quote(WriteKey("server.key", server))}} }""";
        await using var gateway = await StartAsync(certificate, pinned.GetCertHashString(HashAlgorithmName.SHA256));

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(gateway, server, pinned));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(gateway, server, stranger));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(gateway, server, null));
    }

    private async Task<GatewayProcess> StartAsync(string certificate, string? clientThumbprint)
    {
        var auth = clientThumbprint is null ? string.Empty : $$""", "Auth": { "Scheme": "Certificate", "Thumbprints": [ "{{clientThumbprint}}" ] }""";
        return await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = $$"""
                { "Gateway": {
                    "Http": { "Certificate": {{certificate}} },
                    "Inputs": { "in": { "Type": "Http", "Path": "/in"{{auth}} } },
                    "Sinks": { "out": { "Type": "Console" } },
                    "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
                """,
            Urls = "https://127.0.0.1:0",
            Log = output,
        });
    }

    private static async Task<HttpStatusCode> PostAsync(GatewayProcess gateway, X509Certificate2 server, X509Certificate2? clientCertificate)
    {
        using var client = Client(server, clientCertificate, _ => { });
        using var response = await client.PostAsync(new Uri(gateway.HttpAddress, "/in"), new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>A client that trusts exactly <paramref name="server"/> and reports the thumbprint it was shown.</summary>
    private static HttpClient Client(X509Certificate2 server, X509Certificate2? clientCertificate, Action<string?> seen)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            {
                seen(presented?.Thumbprint);
                return presented?.Thumbprint == server.Thumbprint;
            },
        };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }

        return new HttpClient(handler) { Timeout = Timeouts.Delivery };
    }

    private static X509Certificate2 ServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gateway-test-server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 ClientCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private string WritePem(string name, X509Certificate2 certificate) => _files.WriteFile(name, certificate.ExportCertificatePem());

    private string WriteKey(string name, X509Certificate2 certificate) => _files.WriteFile(name, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

    private string WritePfx(string name, X509Certificate2 certificate, string password)
    {
        var path = _files.Combine(name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
