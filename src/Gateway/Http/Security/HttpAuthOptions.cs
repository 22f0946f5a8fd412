using System.ComponentModel.DataAnnotations;

namespace Gateway.Http.Security;

/// <summary>
/// Who may call an <c>Http</c> input (its <c>Auth</c>) or <c>POST /convert</c> (<c>Gateway:Http:ConvertAuth</c>):
/// <c>{ "Scheme": "ApiKey", "Keys": [ ... ] }</c>, <c>{ "Scheme": "Jwt", "SigningKey" | "Authority", "Audience", ... }</c>
/// or <c>{ "Scheme": "Certificate", "CaFile" | "Thumbprints" }</c>. Absent: anyone may call.
/// </summary>
public sealed class HttpAuthOptions : IValidatableObject
{
    /// <summary>The prefix of a key given as its SHA-256 hash: <c>sha256:</c> and 64 hex digits.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>The shortest shared JWT signing key, in UTF-8 bytes (HMAC-SHA256 needs 256 bits).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary><c>ApiKey</c>, <c>Jwt</c> or <c>Certificate</c>.</summary>
    public string Scheme { get; set; } = string.Empty;

    /// <summary>
    /// ApiKey: the accepted keys, each the key itself (at least 16 characters) or <c>sha256:</c> and its SHA-256 hash in
    /// hex, so the configuration need not hold the key. Sent as <c>X-Api-Key</c> or <c>Authorization: Bearer KEY</c>.
    /// </summary>
    public List<string> Keys { get; } = [];

    /// <summary>Jwt: the issuer whose OpenID Connect metadata gives the signing keys (<c>https://login.example.com/realm</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>Jwt: a shared HMAC-SHA256 signing key (at least 32 bytes), instead of an authority.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Jwt: the issuer (<c>iss</c>) tokens must name; with a signing key and no issuer, any issuer is accepted.</summary>
    public string? Issuer { get; set; }

    /// <summary>Jwt: the audience (<c>aud</c>) tokens must name.</summary>
    public string? Audience { get; set; }

    /// <summary>Jwt: claims a token must carry, name to value; an empty value accepts any value. A token without them gets 403.</summary>
    public Dictionary<string, string> RequiredClaims { get; } = new(StringComparer.Ordinal);

    /// <summary>Certificate: a PEM file of the certificate authorities that issue client certificates.</summary>
    public string? CaFile { get; set; }

    /// <summary>Certificate: the SHA-256 (or SHA-1) thumbprints, in hex, of the client certificates accepted; others get 403.</summary>
    public List<string> Thumbprints { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HttpAuthSchemes.Find(Scheme) is not { } scheme)
        {
            yield return new ValidationResult($"unknown scheme '{Scheme}'. Known schemes: {string.Join(", ", HttpAuthSchemes.All)}.", [nameof(Scheme)]);
            yield break;
        }

        var problems = scheme switch
        {
            HttpAuthSchemes.ApiKey => ValidateApiKey(),
            HttpAuthSchemes.Jwt => ValidateJwt(),
            _ => ValidateCertificate(),
        };
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private IEnumerable<ValidationResult> ValidateApiKey()
    {
        if (Keys.Count == 0)
        {
            yield return new ValidationResult("the ApiKey scheme needs at least one key.", [nameof(Keys)]);
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            if (ApiKeyHashes.TryParse(Keys[i], out _) is { } error)
            {
                yield return new ValidationResult(error, [$"{nameof(Keys)}:{i}"]);
            }
        }
    }

    private IEnumerable<ValidationResult> ValidateJwt()
    {
        if (string.IsNullOrEmpty(Authority) == string.IsNullOrEmpty(SigningKey))
        {
            yield return new ValidationResult("the Jwt scheme needs either an Authority or a SigningKey (exactly one).", [nameof(Authority)]);
        }
        else if (SigningKey is not null && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < MinimumSigningKeyBytes)
        {
            yield return new ValidationResult($"must be at least {MinimumSigningKeyBytes} bytes long.", [nameof(SigningKey)]);
        }
        else if (Authority is not null && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"'{Authority}' is not an absolute URL.", [nameof(Authority)]);
        }

        if (string.IsNullOrEmpty(Audience))
        {
            yield return new ValidationResult("the Jwt scheme needs the audience tokens are issued for.", [nameof(Audience)]);
        }
    }

    private IEnumerable<ValidationResult> ValidateCertificate()
    {
        if (string.IsNullOrEmpty(CaFile) && Thumbprints.Count == 0)
        {
            yield return new ValidationResult("the Certificate scheme needs a CaFile, Thumbprints, or both.", [nameof(CaFile)]);
        }
        else if (!string.IsNullOrEmpty(CaFile) && !File.Exists(CaFile))
        {
            yield return new ValidationResult($"file '{CaFile}' not found.", [nameof(CaFile)]);
        }

        for (var i = 0; i < Thumbprints.Count; i++)
        {
            if (Thumbprints[i].Length is not (40 or 64) || !Thumbprints[i].All(char.IsAsciiHexDigit))
            {
                yield return new ValidationResult($"'{Thumbprints[i]}' is not a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) thumbprint.", [$"{nameof(Thumbprints)}:{i}"]);
            }
        }
    }
}
