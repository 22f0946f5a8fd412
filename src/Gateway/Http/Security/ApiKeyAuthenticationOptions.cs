using Microsoft.AspNetCore.Authentication;

namespace Gateway.Http.Security;

/// <summary>The options of one <see cref="ApiKeyAuthenticationHandler"/> scheme: the SHA-256 hashes of the keys it accepts.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The header a key is sent in (besides <c>Authorization: Bearer KEY</c>).</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The SHA-256 hashes of the accepted keys.</summary>
    public IReadOnlyList<byte[]> KeyHashes { get; set; } = [];
}
