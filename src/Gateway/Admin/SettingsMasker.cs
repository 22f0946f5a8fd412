using System.Text.RegularExpressions;

namespace Gateway.Admin;

/// <summary>
/// A configuration section as the route map shows it: every setting by its path below the section, with secrets
/// masked (passwords, password hashes, tokens, API and signing keys, seeds, <c>Authorization</c> headers) and the
/// password of any URL's user info replaced, so a screenshot of the dashboard gives nothing away.
/// </summary>
internal static partial class SettingsMasker
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "PasswordHash", "Token", "ApiKey", "SigningKey", "Keys", "KeyHashes", "Secret", "ClientSecret",
        "Credentials", "Authorization", "NKey", "Seed", "Jwt", "Passphrase", "PrivateKey",
        "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key",
    };

    /// <summary>The settings below <paramref name="section"/>, by relative path (<c>Auth:Keys:0</c>), in order.</summary>
    public static IReadOnlyDictionary<string, string> Settings(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                settings[path] = MaskValue(path, value);
            }
        }

        return settings;
    }

    /// <summary>Message metadata (HTTP headers among them) with the same secrets masked, for the live tail.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(IReadOnlyDictionary<string, string> metadata)
        => metadata.ToDictionary(p => p.Key, p => MaskValue(p.Key, p.Value), StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="value"/>, or <see cref="Mask"/> when a segment of <paramref name="path"/> names a secret.</summary>
    public static string MaskValue(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        return path.Split(':').Any(SecretNames.Contains) ? Mask : UserInfoPassword().Replace(value, "$1" + Mask + "@");
    }

    /// <summary><c>scheme://user:password@</c>: the password part of a URL's user info.</summary>
    [GeneratedRegex(@"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@/\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfoPassword();
}
