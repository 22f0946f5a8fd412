using Gateway.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Gateway.Http.Security;

/// <summary>
/// Applies <c>Gateway:Http:Certificate</c> to every HTTPS endpoint of Kestrel, and asks clients for a certificate
/// when an input or <c>/convert</c> authenticates by certificate (the authentication scheme checks it, not the handshake).
/// </summary>
internal static class HttpsConfiguration
{
    /// <summary>The address used when a certificate is configured and no address is.</summary>
    public const string DefaultHttpsUrl = "https://localhost:5443";

    /// <summary>The configured certificate's options, or null when there is none or it does not bind (the configuration check says why).</summary>
    public static HttpCertificateOptions? CertificateOf(IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var section = gateway.GetSection(GatewayConfigurationValidator.HttpSection).GetSection(nameof(Options.GatewayHttpOptions.Certificate));
        try
        {
            return section.Exists() ? section.Get<HttpCertificateOptions>() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static void ConfigureGatewayHttps(this KestrelServerOptions kestrel, IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var certificate = CertificateOf(gateway);
        var clientCertificates = HttpAuthConfiguration.Schemes(gateway).Any(s => HttpAuthSchemes.Find(s.Auth.Scheme) == HttpAuthSchemes.Certificate);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            if (certificate is { Path.Length: > 0 } && File.Exists(certificate.Path))
            {
                https.ServerCertificate = certificate.Load();
            }

            if (clientCertificates)
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            }
        });
    }
}
