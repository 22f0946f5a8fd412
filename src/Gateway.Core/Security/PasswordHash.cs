using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Core.Security;

/// <summary>
/// Password hashes for configuration files: <c>$pbkdf2-sha256$v=1$i=ITERATIONS$SALT$HASH</c> (PBKDF2 with HMAC-SHA256,
/// salt and hash in unpadded base64). The algorithm and version lead the text, so a later format can sit beside this
/// one; the iteration count travels with each hash, so raising the default does not break existing ones.
/// <c>gateway hash-password</c> prints one.
/// </summary>
public static class PasswordHash
{
    /// <summary>The prefix of every hash of this format.</summary>
    public const string Prefix = "$pbkdf2-sha256$v=1$";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MinIterations = 10_000;
    private const int MaxIterations = 10_000_000;

    /// <summary>Hashes <paramref name="password"/> with a fresh random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}i={iterations}${Base64(salt)}${Base64(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/> (false for a malformed hash); compares in fixed time.</summary>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(hash, out var iterations, out var salt, out var expected, out _))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Checks the format of <paramref name="hash"/>; the error says what is wrong without repeating the hash.</summary>
    public static bool IsValid(string? hash, [NotNullWhen(false)] out string? error) => TryParse(hash, out _, out _, out _, out error);

    private static bool TryParse(string? text, out int iterations, out byte[] salt, out byte[] hash, [NotNullWhen(false)] out string? error)
    {
        iterations = 0;
        salt = hash = [];
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = $"not a password hash of a known format (it must start with {Prefix}; make one with 'gateway hash-password').";
            return false;
        }

        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !parts[0].StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parts[0].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < MinIterations or > MaxIterations
            || !TryDecode(parts[1], out salt) || salt.Length < 8
            || !TryDecode(parts[2], out hash) || hash.Length < 16)
        {
            error = $"a malformed password hash: expected {Prefix}i=ITERATIONS$SALT$HASH with {MinIterations} to {MaxIterations} iterations and base64 salt and hash (make one with 'gateway hash-password').";
            return false;
        }

        error = null;
        return true;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
