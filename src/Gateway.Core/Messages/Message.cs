namespace Gateway.Core.Messages;

/// <summary>
/// One unit travelling through the gateway: body bytes in a named format, a UUIDv7 id, the time it was
/// received, the input it came from, and metadata (HTTP headers, MQTT topic, TCP endpoint, ...).
/// </summary>
public sealed class Message
{
    public Message(ReadOnlyMemory<byte> body, string format, string inputId = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        Body = body;
        Format = format;
        InputId = inputId;
    }

    /// <summary>UUIDv7, so ids sort by creation time.</summary>
    public Guid Id { get; init; } = MessageIds.NewId();

    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    public string InputId { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Name of the body's format (see <see cref="FormatNames"/>); <c>Json</c> is the canonical form.</summary>
    public string Format { get; }

    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public bool IsCanonical => string.Equals(Format, FormatNames.Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy of this message with another body; id, time, input and metadata are kept.</summary>
    public Message WithBody(ReadOnlyMemory<byte> body, string format) => new(body, format, InputId)
    {
        Id = Id,
        ReceivedAt = ReceivedAt,
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.OrdinalIgnoreCase),
    };
}
