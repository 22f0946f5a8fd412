using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Core.Templates;

namespace Gateway.Transports.Http;

/// <summary>
/// The <c>Url</c> of an <c>Http</c> sink: a template whose placeholders may fill the path and query only, so a
/// message can never choose the host it is sent to, nor change the path's structure: values are escaped as URL data,
/// and a URL whose path would hold a <c>.</c> or <c>..</c> segment (once decoded, however often) or an empty segment
/// the template does not have is refused.
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

        if (DotSegment(Path(sample)) is { } dots)
        {
            error = $"'{text}' has the path segment '{dots}', which walks the path: write the path without it.";
            return false;
        }

        template = parsed;
        error = null;
        return true;
    }

    /// <summary>
    /// The URL of one message: placeholder values are escaped as URL data, so they stay inside their path segment or
    /// query value. Throws a permanent <see cref="SinkDeliveryException"/> when the values would change the path's
    /// structure (a server that decodes <c>%2F</c> or <c>%2E</c> before it resolves the path would walk up from it).
    /// </summary>
    public static Uri Render(MessageTemplate template, OutgoingMessage message)
    {
        var text = template.Render(message.Canonical, template.UsesRecord ? message.Record : null, Uri.EscapeDataString);
        if (!Uri.TryCreate(text, in AsWritten, out var uri))
        {
            throw new SinkDeliveryException($"The URL '{text}' filled from the message is not a valid URL.", isTransient: false);
        }

        var path = Path(text);
        if (DotSegment(path) is { } dots)
        {
            throw new SinkDeliveryException(
                $"The URL path '{path}' filled from the message has the segment '{dots}', which decodes to '.' or '..' and would walk " +
                "the destination's path; the message is refused.",
                isTransient: false);
        }

        if (path.Contains("//", StringComparison.Ordinal) && !Path(template.Text).Contains("//", StringComparison.Ordinal))
        {
            throw new SinkDeliveryException(
                $"The URL path '{path}' filled from the message has an empty segment (a placeholder with no value?), which the Url template '{template.Text}' does not have; the message is refused.",
                isTransient: false);
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

    /// <summary>The path of an absolute URL as written (from the first <c>/</c> after the authority to the query).</summary>
    private static string Path(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = url.IndexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 3);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = url.IndexOfAny(['?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    /// <summary>
    /// The first segment of <paramref name="path"/> that is <c>.</c> or <c>..</c>, or holds one between slashes or
    /// backslashes, once percent-decoded as often as it takes (servers differ in how often they decode); null if none.
    /// </summary>
    private static string? DotSegment(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            var decoded = segment;
            for (var i = 0; i < 8 && decoded.Contains('%', StringComparison.Ordinal); i++)
            {
                var next = Uri.UnescapeDataString(decoded);
                if (next == decoded)
                {
                    break;
                }

                decoded = next;
            }

            if (decoded.Split('/', '\\').Any(part => part is "." or ".."))
            {
                return segment;
            }
        }

        return null;
    }
}
