using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Http.Security;

/// <summary>
/// Registers ASP.NET Core authentication (one scheme per secured input and for <c>/convert</c>), authorization with
/// problem-details answers, and the rate limiter the per-endpoint token buckets run in.
/// </summary>
internal static class HttpSecurityServiceCollectionExtensions
{
    public static AuthenticationBuilder AddGatewayHttpSecurity(this IServiceCollection services, IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gateway);
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddRateLimiter(options => options.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        var authentication = services.AddAuthentication();
        foreach (var (name, auth) in HttpAuthConfiguration.Schemes(gateway))
        {
            switch (HttpAuthSchemes.Find(auth.Scheme))
            {
                case HttpAuthSchemes.ApiKey:
                    authentication.AddApiKey(name, auth.Keys);
                    break;
                case HttpAuthSchemes.Jwt:
                    authentication.AddJwtBearer(name, options => ConfigureJwt(options, auth));
                    break;
                default:
                    authentication.AddCertificate(name, options => ConfigureCertificate(options, auth));
                    break;
            }
        }

        return authentication;
    }

    /// <summary>An API key scheme accepting <paramref name="keys"/> (keys or <c>sha256:</c> hashes; invalid ones are skipped, the configuration check reports them).</summary>
    public static AuthenticationBuilder AddApiKey(this AuthenticationBuilder authentication, string name, IEnumerable<string> keys)
    {
        var hashes = keys.Select(k => ApiKeyHashes.TryParse(k, out var hash) is null ? hash : null).OfType<byte[]>().ToList();
        return authentication.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(name, options => options.KeyHashes = hashes);
    }

    private static void ConfigureJwt(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions options, HttpAuthOptions auth)
    {
        options.MapInboundClaims = false; // required claims are named as in the token (sub, scope), not as WS-Federation URIs
        options.Audience = auth.Audience;
        options.TokenValidationParameters.ValidAudience = auth.Audience;
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey));
            options.TokenValidationParameters.ValidateIssuer = auth.Issuer is not null;
        }
        else
        {
            options.Authority = auth.Authority;
        }

        if (auth.Issuer is not null)
        {
            options.TokenValidationParameters.ValidIssuer = auth.Issuer;
        }
    }

    private static void ConfigureCertificate(CertificateAuthenticationOptions options, HttpAuthOptions auth)
    {
        options.AllowedCertificateTypes = CertificateTypes.All; // self-signed client certificates pinned by thumbprint included
        options.RevocationMode = X509RevocationMode.NoCheck; // a gateway on a closed network cannot reach revocation lists
        if (!string.IsNullOrEmpty(auth.CaFile) && File.Exists(auth.CaFile))
        {
            options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
            options.CustomTrustStore.ImportFromPemFile(auth.CaFile);
        }

        if (auth.Thumbprints.Count > 0)
        {
            options.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = context =>
                {
                    var certificate = context.ClientCertificate;
                    var sha256 = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    if (!auth.Thumbprints.Any(t => t.Equals(sha256, StringComparison.OrdinalIgnoreCase) || t.Equals(certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)))
                    {
                        context.Fail($"The client certificate {sha256} is not one of the configured thumbprints.");
                    }

                    return Task.CompletedTask;
                },
            };
        }
    }
}
