using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Core.Templates;

namespace Gateway.Transports.Http;

/// <summary>
/// The <c>Url</c> of an <c>Http</c> sink: a template whose placeholders may fill the path and query only, so a
/// message can never choose the host it is sent to.
/// </summary>
internal static class HttpSinkUrl
{
    private const string Example = "http://127.0.0.1:9000/orders/{field:/id}";

    // Canonicalization would unescape %2E and then remove "." and ".." segments that came from values.
    private static readonly UriCreationOptions AsWritten = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>Parses and checks <paramref name="text"/>; the error says what to change.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MessageTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Url is required: an absolute http:// or https:// URL such as {Example}.";
            return false;
        }

        if (!MessageTemplate.TryParse(text, out var parsed, out var templateError))
        {
            error = $"'{text}' is not a valid template: {templateError}";
            return false;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var authorityStart = schemeEnd + 3;
            var authorityEnd = text.IndexOfAny(['/', '?', '#'], authorityStart);
            var origin = text[..(authorityEnd < 0 ? text.Length : authorityEnd)];
            if (origin.AsSpan().IndexOfAny('{', '}') >= 0)
            {
                error = $"'{text}': placeholders may fill only the path and query; the scheme, host and port must be written out ({Example}).";
                return false;
            }
        }

        // Every placeholder filled with a plain value shows whether the rest is a usable URL.
        var sample = parsed.Render(new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json), encodeValue: _ => "x");
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"'{text}' is not an absolute http:// or https:// URL (for example {Example}).";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = $"'{text}' holds credentials, which are not sent from a URL: remove them and set Headers:Authorization instead.";
            return false;
        }

        if (uri.Fragment.Length > 0)
        {
            error = $"'{text}' has a fragment ('{uri.Fragment}'), which is never sent to the server: remove it.";
            return false;
        }

        template = parsed;
        error = null;
        return true;
    }

    /// <summary>The URL of one message: placeholder values are escaped as URL data, so they stay inside their path segment or query value.</summary>
    public static Uri Render(MessageTemplate template, OutgoingMessage message)
    {
        var text = template.Render(message.Canonical, template.UsesRecord ? message.Record : null, EscapeValue);
        if (!Uri.TryCreate(text, in AsWritten, out var uri))
        {
            throw new SinkDeliveryException($"The URL '{text}' filled from the message is not a valid URL.", isTransient: false);
        }

        return uri;
    }

    /// <summary>The URL without its query (which may hold keys), for error messages; credentials were refused by <see cref="TryParse"/>.</summary>
    public static string Describe(Uri uri)
    {
        var text = uri.OriginalString;
        var query = text.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? text : text[..query];
    }

    private static string EscapeValue(string value) => value switch
    {
        // EscapeDataString leaves dots alone, and a whole "." or ".." segment would walk up the destination's path.
        "." => "%2E",
        ".." => "%2E%2E",
        _ => Uri.EscapeDataString(value),
    };
}
