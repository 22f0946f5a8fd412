using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// Checks the admin API key: the <c>X-Api-Key</c> header, or the login cookie, which holds an HMAC of the key (never
/// the key itself), so a stolen cookie does not reveal it. Comparisons take the same time whatever matches.
/// </summary>
internal sealed class AdminKey
{
    public const string HeaderName = "X-Api-Key";
    public const string CookieName = "gateway_admin";

    private readonly byte[]? _keyHash;
    private readonly byte[]? _cookieValue;

    public AdminKey(IOptions<AdminOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            _keyHash = SHA256.HashData(bytes);
            _cookieValue = Encoding.ASCII.GetBytes(Convert.ToHexString(HMACSHA256.HashData(bytes, "gateway dashboard session"u8)));
        }
    }

    /// <summary>False when no key is configured: everything is open.</summary>
    public bool Required => _keyHash is not null;

    /// <summary>The login cookie's value for the configured key.</summary>
    public string CookieValue => Encoding.ASCII.GetString(_cookieValue ?? []);

    /// <summary>True when no key is configured, or the request carries it (header or cookie).</summary>
    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_keyHash is null)
        {
            return true;
        }

        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count == 1 && Matches(header[0]))
        {
            return true;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), _cookieValue);
    }

    /// <summary>True when <paramref name="candidate"/> is the configured key.</summary>
    public bool Matches(string? candidate)
        => _keyHash is not null && candidate is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), _keyHash);
}
