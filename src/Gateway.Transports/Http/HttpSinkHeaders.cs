using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using Gateway.Core.Diagnostics;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Gateway.Core.Templates;

namespace Gateway.Transports.Http;

/// <summary>The configured request headers of an <c>Http</c> sink: checked names, template values.</summary>
internal static class HttpSinkHeaders
{
    /// <summary>The header carrying the message id, so a destination can drop the duplicates a retry may cause.</summary>
    public const string MessageId = "X-Gateway-Message-Id";

    private const string ContentType = "Content-Type";

    // Set by the sink or the HTTP stack; a configured value would contradict the request.
    private static readonly string[] Reserved = ["Content-Length", "Transfer-Encoding", "Connection", MessageId];

    public static bool TryParse(string name, string? value, [NotNullWhen(true)] out MessageTemplate? template, [NotNullWhen(false)] out string? error)
    {
        template = null;
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            error = $"'{name}' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only).";
            return false;
        }

        if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            error = $"The {name} header is set by the sink and cannot be configured.";
            return false;
        }

        if (!MessageTemplate.TryParse(value ?? string.Empty, out var parsed, out var templateError))
        {
            error = $"The value of header {name} is not a valid template: {templateError}";
            return false;
        }

        var sample = parsed.Render(new Message(ReadOnlyMemory<byte>.Empty, FormatNames.Json), encodeValue: _ => "x");
        if (sample.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            error = $"The value of header {name} holds a line break or NUL character.";
            return false;
        }

        if (string.Equals(name, ContentType, StringComparison.OrdinalIgnoreCase)
            && (!parsed.IsConstant || !MediaTypeHeaderValue.TryParse(sample, out _)))
        {
            error = $"The {ContentType} header must be a media type written out, such as application/vnd.orders+json (it is '{value}').";
            return false;
        }

        template = parsed;
        error = null;
        return true;
    }

    /// <summary>Adds the configured headers of <paramref name="message"/> to <paramref name="request"/>.</summary>
    public static void Apply(IReadOnlyList<KeyValuePair<string, MessageTemplate>> headers, HttpRequestMessage request, OutgoingMessage message)
    {
        foreach (var (name, template) in headers)
        {
            var value = Sanitize(template.Render(message.Canonical, template.UsesRecord ? message.Record : null));
            if (string.Equals(name, ContentType, StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.Remove(ContentType);
                request.Content.Headers.TryAddWithoutValidation(ContentType, value);
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Content-Language, Content-Encoding, ...) belong to the content.
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    /// <summary>
    /// Sends the message's trace on: <c>traceparent</c> (and <c>tracestate</c>) naming <paramref name="current"/> when
    /// it belongs to that trace (the engine's send span, when tracing listens), else the context the message brought
    /// from its input as it came. Nothing when a configured header set it already or the message has no trace.
    /// HttpClient's own propagation leaves a <c>traceparent</c> already on the request alone, so it is sent once.
    /// </summary>
    public static void ApplyTraceContext(HttpRequestMessage request, Message message, Activity? current)
    {
        if (request.Headers.Contains(MessageTraceContext.TraceParentKey))
        {
            return;
        }

        var carried = MessageTraceContext.TryGet(message, out var context);
        if (current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } && (!carried || current.TraceId == context.TraceId))
        {
            request.Headers.TryAddWithoutValidation(MessageTraceContext.TraceParentKey, id);
            AddTraceState(request, current.TraceStateString);
        }
        else if (carried)
        {
            request.Headers.TryAddWithoutValidation(MessageTraceContext.TraceParentKey, message.Metadata[MessageTraceContext.TraceParentKey]);
            AddTraceState(request, message.Metadata.TryGetValue(MessageTraceContext.TraceStateKey, out var state) ? state : null);
        }
    }

    private static void AddTraceState(HttpRequestMessage request, string? state)
    {
        if (!string.IsNullOrEmpty(state) && !request.Headers.Contains(MessageTraceContext.TraceStateKey))
        {
            request.Headers.TryAddWithoutValidation(MessageTraceContext.TraceStateKey, Sanitize(state));
        }
    }

    private static string Sanitize(string value)
        => value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0
            ? value
            : value.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');

    private static bool IsTokenChar(char c)
        => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
