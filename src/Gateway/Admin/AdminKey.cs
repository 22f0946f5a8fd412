using Gateway.Http.Security;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// The admin API key (<c>Gateway:Admin:ApiKey</c>) as a SHA-256 hash, to check the dashboard's login form in constant
/// time. API calls present it in <c>X-Api-Key</c> and are checked by the <c>admin-key</c> authentication scheme.
/// </summary>
internal sealed class AdminKey
{
    public const string HeaderName = ApiKeyAuthenticationOptions.HeaderName;

    private readonly byte[][] _keyHash;

    public AdminKey(IOptions<AdminOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keyHash = options.Value.ApiKey is { Length: > 0 } key ? [ApiKeyHashes.Of(key)] : [];
    }

    /// <summary>False when no key is configured: everything is open.</summary>
    public bool Required => _keyHash.Length > 0;

    /// <summary>True when <paramref name="candidate"/> is the configured key.</summary>
    public bool Matches(string? candidate) => Required && candidate is not null && ApiKeyHashes.Matches(candidate, _keyHash);
}
