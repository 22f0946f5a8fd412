using System.Text.Json;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// A message on its way to one sink: the canonical message (id, metadata and JSON record for templates) and its body
/// encoded in the sink's format.
/// </summary>
public sealed class OutgoingMessage
{
    private JsonElement? _record;
    private bool _parsed;

    public OutgoingMessage(Message canonical, ReadOnlyMemory<byte> body, string format)
    {
        Canonical = canonical ?? throw new ArgumentNullException(nameof(canonical));
        ArgumentException.ThrowIfNullOrEmpty(format);
        Body = body;
        Format = format;
    }

    /// <summary>The message in canonical JSON, as the route's converters left it.</summary>
    public Message Canonical { get; }

    /// <summary>The body in <see cref="Format"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The sink's format name.</summary>
    public string Format { get; }

    /// <summary>
    /// The canonical body parsed once, for templates with <c>{field:...}</c>; null when it is not a single JSON value
    /// (cannot happen for canonical messages, but sinks must not crash on it).
    /// </summary>
    public JsonElement? Record
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                try
                {
                    // ParseValue copies into its own array, so nothing pooled is left for a sink to dispose.
                    var reader = new Utf8JsonReader(Canonical.Body.Span);
                    _record = JsonElement.ParseValue(ref reader);
                }
                catch (JsonException)
                {
                    _record = null;
                }
            }

            return _record;
        }
    }
}
