using System.Text;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Configuration;

/// <summary>
/// A section's settings as one comparable string (every key below it, case-insensitive, with its value), so a reload
/// can tell which inputs, sinks and routes changed whatever the options class looks like.
/// </summary>
public static class ConfigurationFingerprint
{
    public static string Of(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = new StringBuilder();
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true)
                     .Where(p => p.Value is not null)
                     .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(key.ToUpperInvariant()).Append('=').Append(value).Append('\n');
        }

        return text.ToString();
    }
}
