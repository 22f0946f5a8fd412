using System.Globalization;

namespace Gateway.Core.Formats.Options;

/// <summary>
/// Builds <see cref="FormatOptionDescriptor"/>s for the common kinds of value (flags, whole numbers, enums, lists,
/// text), so that each format declares its options in one line each, with the same parsing and messages everywhere.
/// </summary>
public static class FormatOptionDescriptors
{
    /// <summary>A boolean: <c>true</c>/<c>false</c> (also <c>1</c>/<c>0</c>, <c>yes</c>/<c>no</c>, <c>on</c>/<c>off</c>; empty means true).</summary>
    public static FormatOptionDescriptor Flag(string key, string query, string cli, string formats, string description, Action<FormatOptions, bool> set)
        => new(key, query, cli, FormatOptionKind.Flag, formats, description, Setter<bool>(ParseFlag, set));

    /// <summary>A whole number from 0 to <see cref="int.MaxValue"/>; the options' own range checks follow.</summary>
    public static FormatOptionDescriptor Number(string key, string query, string cli, string formats, string description, Action<FormatOptions, int> set)
        => new(key, query, cli, FormatOptionKind.Number, formats, description, Setter<int>(ParseInt, set)) { HelpName = "N" };

    /// <summary>A whole number from 0 to <see cref="long.MaxValue"/>.</summary>
    public static FormatOptionDescriptor LongNumber(string key, string query, string cli, string formats, string description, Action<FormatOptions, long> set)
        => new(key, query, cli, FormatOptionKind.Number, formats, description, Setter<long>(ParseLong, set)) { HelpName = "N" };

    /// <summary>One of the names of <typeparamref name="TEnum"/>, in any case (numbers are refused: they say nothing to a reader).</summary>
    public static FormatOptionDescriptor Choice<TEnum>(string key, string query, string cli, string formats, string description, Action<FormatOptions, TEnum> set)
        where TEnum : struct, Enum
        => new(key, query, cli, FormatOptionKind.Text, formats, description, Setter<TEnum>(ParseEnum, set))
        {
            HelpName = string.Join('|', Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant())),
        };

    /// <summary>Text checked, and possibly normalised, by <paramref name="parse"/>.</summary>
    public static FormatOptionDescriptor Parsed(
        string key, string query, string cli, string formats, string description, string helpName, FormatOptionParser<string> parse, Action<FormatOptions, string> set)
        => new(key, query, cli, FormatOptionKind.Text, formats, description, Setter(parse, set)) { HelpName = helpName };

    /// <summary>A list: the option may be given several times, each value comma-separated; empty items are dropped, an empty list is an error.</summary>
    public static FormatOptionDescriptor List(
        string key, string query, string cli, string formats, string description, string helpName, string what, Func<FormatOptions, List<string>> target)
        => new(key, query, cli, FormatOptionKind.List, formats, description, (o, v) => AddItems(v, target(o), what)) { HelpName = helpName };

    /// <summary>Applies <paramref name="set"/> with the parsed value when <paramref name="parse"/> accepts the text.</summary>
    public static Func<FormatOptions, string, string?> Setter<T>(FormatOptionParser<T> parse, Action<FormatOptions, T> set)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(set);
        return (options, text) =>
        {
            var error = parse(text, out var value);
            if (error is null)
            {
                set(options, value);
            }

            return error;
        };
    }

    private static string? ParseFlag(string value, out bool result)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes" or "on":
                result = true;
                return null;
            case "false" or "0" or "no" or "off":
                result = false;
                return null;
            default:
                result = false;
                return $"'{value}' is not a boolean; use true or false.";
        }
    }

    private static string? ParseEnum<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out result) && Enum.IsDefined(result) && !char.IsDigit(value.Trim()[0])
            ? null
            : $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.";

    private static string? AddItems(string value, List<string> target, string what)
    {
        var items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            return $"{what} must not be empty.";
        }

        target.AddRange(items);
        return null;
    }

    private static string? ParseInt(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result)
            ? null
            : $"'{value}' is not a whole number between 0 and {int.MaxValue}.";

    private static string? ParseLong(string value, out long result) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result)
            ? null
            : $"'{value}' is not a whole number between 0 and {long.MaxValue}.";
}
