using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Net.Http.Headers;

namespace Gateway.Http;

/// <summary>
/// Picks the format of a request body from <c>Content-Type</c> and the format of the answer from <c>Accept</c>
/// (q-values honoured; a missing <c>Accept</c> or <c>*/*</c> answers JSON).
/// </summary>
internal static class ContentNegotiation
{
    /// <summary>Every media type the registered formats read and write, preferred ones first.</summary>
    public static IReadOnlyList<string> MediaTypes(FormatRegistry formats) =>
        [.. formats.All.SelectMany(f => f.MediaTypes).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The format of <paramref name="contentType"/>, or an error message saying why there is none.</summary>
    public static bool TryGetBodyFormat(string? contentType, FormatRegistry formats, [NotNullWhen(true)] out DataFormat? format, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(formats);
        format = null;
        if (IsBareMediaType(contentType) && formats.TryGetByMediaType(contentType, out format))
        {
            error = null; // the common case (no parameters): no header parsing
            return true;
        }

        var accepted = string.Join(", ", MediaTypes(formats));
        if (string.IsNullOrWhiteSpace(contentType))
        {
            error = $"The request has no Content-Type. Send the body with one of: {accepted}.";
            return false;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Length == 0)
        {
            error = $"The Content-Type '{contentType}' is not a media type. Send the body with one of: {accepted}.";
            return false;
        }

        var charset = parsed.Charset.Value;
        if (charset is not null && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            error = $"The charset '{charset}' is not supported; send the body as UTF-8 (charset=utf-8).";
            return false;
        }

        if (!formats.TryGetByMediaType(parsed.MediaType.Value, out format))
        {
            error = $"The Content-Type '{parsed.MediaType.Value}' is not a supported format. Send the body with one of: {accepted}.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// The format to answer in, and the media type to label the answer with, for the <c>Accept</c> header values;
    /// or an error message when none is acceptable. Ranges are tried by q-value, then by specificity, then in order;
    /// a media type the client excludes with <c>q=0</c> is never answered.
    /// </summary>
    public static bool TrySelectAnswerFormat(
        IList<string>? accept, FormatRegistry formats, [NotNullWhen(true)] out DataFormat? format, [NotNullWhen(true)] out string? mediaType, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(formats);
        error = null;
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            (format, mediaType) = Default(formats, []);
            error = format is null ? "No format is registered." : null;
            return format is not null;
        }

        if (accept.Count == 1 && IsBareMediaType(accept[0]))
        {
            // One exact media type without parameters (the common case): what the general path below would pick,
            // without parsing and sorting ranges. When no format owns it, the general path says why.
            (format, mediaType) = Match(accept[0], formats, []);
            if (format is not null && mediaType is not null)
            {
                return true;
            }
        }

        var offered = string.Join(", ", MediaTypes(formats));

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            (format, mediaType) = (null, null);
            error = $"The Accept header '{string.Join(", ", accept)}' is not a list of media ranges. Ask for one of: {offered}.";
            return false;
        }

        var excluded = ranges.Where(r => r.Quality == 0).Select(r => r.MediaType.Value ?? string.Empty).ToList();
        var ordered = ranges
            .Where(r => r.Quality is null or > 0)
            .Select((range, index) => (range, index))
            .OrderByDescending(x => x.range.Quality ?? 1)
            .ThenByDescending(x => Specificity(x.range))
            .ThenBy(x => x.index)
            .Select(x => x.range);
        foreach (var range in ordered)
        {
            (format, mediaType) = Match(range, formats, excluded);
            if (format is not null && mediaType is not null)
            {
                return true;
            }
        }

        (format, mediaType) = (null, null);
        error = $"None of the media types in Accept ('{string.Join(", ", accept)}') can be produced. Ask for one of: {offered}.";
        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a plain <c>type/subtype</c> (token characters only, no parameters, ranges
    /// or spaces), which needs no header parsing.
    /// </summary>
    private static bool IsBareMediaType([NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var token = char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+';
            if (!token && i != slash)
            {
                return false;
            }
        }

        return true;
    }

    private static int Specificity(MediaTypeHeaderValue range) =>
        range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;

    private static (DataFormat? Format, string? MediaType) Match(MediaTypeHeaderValue range, FormatRegistry formats, List<string> excluded)
    {
        if (range.MatchesAllTypes)
        {
            return Default(formats, excluded);
        }

        if (range.MatchesAllSubTypes)
        {
            // A format whose preferred media type is in the range wins (text/* is CSV), then one with an alias there (text/json).
            var prefix = range.Type.Value + "/";
            bool InRange(string m) => m.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !IsExcluded(m, excluded);
            var preferred = formats.All.FirstOrDefault(f => InRange(f.MediaTypes[0]));
            if (preferred is not null)
            {
                return (preferred, preferred.MediaTypes[0]);
            }

            var alias = formats.All.FirstOrDefault(f => f.MediaTypes.Any(InRange));
            return alias is null ? (null, null) : (alias, alias.MediaTypes.First(InRange));
        }

        return Match(range.MediaType.Value!, formats, excluded);
    }

    private static (DataFormat? Format, string? MediaType) Match(string requested, FormatRegistry formats, List<string> excluded)
    {
        if (!formats.TryGetByMediaType(requested, out var format))
        {
            return (null, null);
        }

        // Answer with the very media type asked for when the format owns it, else with the format's preferred one.
        var own = format.MediaTypes.FirstOrDefault(m => string.Equals(m, requested, StringComparison.OrdinalIgnoreCase)) ?? format.MediaTypes[0];
        return IsExcluded(own, excluded) ? (null, null) : (format, own);
    }

    private static (DataFormat? Format, string? MediaType) Default(FormatRegistry formats, List<string> excluded)
    {
        if (formats.TryGet(FormatNames.Json, out var json) && !IsExcluded(json.MediaTypes[0], excluded))
        {
            return (json, json.MediaTypes[0]);
        }

        var first = formats.All.FirstOrDefault(f => !IsExcluded(f.MediaTypes[0], excluded));
        return (first, first?.MediaTypes[0]);
    }

    private static bool IsExcluded(string mediaType, List<string> excluded) =>
        excluded.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
}
