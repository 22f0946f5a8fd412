using System.Security.Cryptography;
using System.Text;

namespace Gateway.Http.Security;

/// <summary>
/// API keys as SHA-256 hashes: configured keys are hashed once (or given hashed), a presented key is hashed and compared
/// to each in constant time, so neither the configuration nor a timing difference gives a key away.
/// </summary>
internal static class ApiKeyHashes
{
    /// <summary>The shortest key accepted in clear: long enough not to be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The hash of a configured key; null and the problem when it is neither a usable key nor a <c>sha256:</c> hash.</summary>
    public static string? TryParse(string configured, out byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(configured);
        hash = [];
        if (configured.StartsWith(HttpAuthOptions.HashPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var hex = configured[HttpAuthOptions.HashPrefix.Length..];
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                return $"'{configured}' is not '{HttpAuthOptions.HashPrefix}' followed by 64 hex digits (the SHA-256 of the key, e.g. from 'printf %s KEY | sha256sum').";
            }

            hash = Convert.FromHexString(hex);
            return null;
        }

        if (configured.Length < MinimumKeyLength || configured.Trim().Length != configured.Length)
        {
            return $"a key must be at least {MinimumKeyLength} characters without leading or trailing spaces (or '{HttpAuthOptions.HashPrefix}' and its SHA-256 hash).";
        }

        hash = Of(configured);
        return null;
    }

    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>True when <paramref name="presented"/> hashes to one of <paramref name="hashes"/>; every hash is compared.</summary>
    public static bool Matches(string presented, IReadOnlyList<byte[]> hashes)
    {
        var hash = Of(presented);
        var found = false;
        foreach (var candidate in hashes)
        {
            found |= CryptographicOperations.FixedTimeEquals(hash, candidate);
        }

        return found;
    }
}
