using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Gateway.Transports.Mqtt;

/// <summary>Checks MQTT topic names and topic filters (MQTT 5.0 sections 4.7 and 4.8.2).</summary>
internal static class MqttTopics
{
    private const int MaxLength = 65535;

    /// <summary>A filter: levels split by '/', '+' alone in a level, '#' alone in the last level.</summary>
    public static bool TryValidateFilter(string? filter, [NotNullWhen(false)] out string? error)
    {
        if (!TryValidateCommon(filter, "topic filter", out error))
        {
            return false;
        }

        var levels = filter!.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Contains('#', StringComparison.Ordinal) && (level.Length != 1 || i != levels.Length - 1))
            {
                error = $"topic filter '{filter}': '#' must be a whole level and the last one (for example sensors/#).";
                return false;
            }

            if (level.Contains('+', StringComparison.Ordinal) && level.Length != 1)
            {
                error = $"topic filter '{filter}': '+' must be a whole level (for example sensors/+/data).";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>A topic name to publish to: not empty, no wildcards.</summary>
    public static bool TryValidateName(string? topic, [NotNullWhen(false)] out string? error)
    {
        if (!TryValidateCommon(topic, "topic", out error))
        {
            return false;
        }

        if (topic!.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            error = $"topic '{topic}' contains a wildcard ('+' or '#'), which only subscriptions may use.";
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="topic"/> (a topic name) matches <paramref name="filter"/> (MQTT 5.0 section 4.7).</summary>
    public static bool Matches(string filter, string topic) => Covers(filter, topic, topic.StartsWith('$'));

    /// <summary>
    /// Whether every topic <paramref name="requested"/> (a filter) can match also matches <paramref name="pattern"/>:
    /// a subscription to <c>a/+/c</c> is within <c>a/#</c> and <c>+/+/c</c>, one to <c>a/#</c> is within <c>#</c>
    /// but not within <c>a/+</c>. A shared subscription is judged by its filter (<c>$share/group/a/b</c> as <c>a/b</c>).
    /// </summary>
    public static bool Within(string requested, string pattern)
    {
        if (requested.StartsWith("$share/", StringComparison.Ordinal) && requested.IndexOf('/', "$share/".Length) is var slash and > 0)
        {
            requested = requested[(slash + 1)..];
        }

        return Covers(pattern, requested, requested.StartsWith('$'));
    }

    private static bool Covers(string pattern, string requested, bool system)
    {
        var patternLevels = pattern.Split('/');
        var levels = requested.Split('/');

        // A wildcard in the first level does not reach topics that start with '$' (section 4.7.2).
        if (system && patternLevels[0] is "#" or "+")
        {
            return false;
        }

        for (var i = 0; i < patternLevels.Length; i++)
        {
            var level = patternLevels[i];
            if (level == "#")
            {
                return true; // the rest, and the parent level itself ("a/#" covers "a")
            }

            if (i >= levels.Length)
            {
                return false;
            }

            if (levels[i] == "#" || (level != "+" && (levels[i] == "+" || level != levels[i])))
            {
                return false;
            }
        }

        return levels.Length == patternLevels.Length;
    }

    /// <summary>A shared subscription group name: not empty, no '/', '+' or '#'.</summary>
    public static bool TryValidateSharedGroup(string group, [NotNullWhen(false)] out string? error)
    {
        if (group.Length == 0 || group.AsSpan().IndexOfAny("/+#\0") >= 0)
        {
            error = $"shared group '{group}' must be a non-empty name without '/', '+' or '#'.";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryValidateCommon(string? text, string what, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(text))
        {
            error = $"a {what} must not be empty.";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            error = $"{what} '{text}' contains a NUL character.";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(text) > MaxLength)
        {
            error = $"{what} '{text[..32]}...' is longer than {MaxLength} UTF-8 bytes.";
            return false;
        }

        error = null;
        return true;
    }
}
