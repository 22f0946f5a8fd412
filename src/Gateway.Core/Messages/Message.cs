namespace Gateway.Core.Messages;

/// <summary>
/// One unit travelling through the gateway: body bytes in a named format, a UUIDv7 id, the time it was
/// received, the input it came from, and metadata (HTTP headers, MQTT topic, TCP endpoint, ...).
/// </summary>
public sealed class Message
{
    private MetadataDictionary? _metadata;

    public Message(ReadOnlyMemory<byte> body, string format, string inputId = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        Body = body;
        Format = format;
        InputId = inputId;
        ReceivedAt = DateTimeOffset.UtcNow;
        Id = MessageIds.NewId(ReceivedAt);
    }

    private Message(Message source, ReadOnlyMemory<byte> body, string format)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        Body = body;
        Format = format;
        InputId = source.InputId;
        Id = source.Id;
        ReceivedAt = source.ReceivedAt;
        _metadata = source._metadata?.Share();
    }

    /// <summary>UUIDv7, so ids sort by creation time.</summary>
    public Guid Id { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public string InputId { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Name of the body's format (see <see cref="FormatNames"/>); <c>Json</c> is the canonical form.</summary>
    public string Format { get; }

    /// <summary>
    /// Case-insensitive names, copied on write (<see cref="MetadataDictionary"/>): derived messages share their source's
    /// until one of them changes it. Created on first use, so a message given its own costs no empty one; a
    /// <see cref="MetadataDictionary"/> given here is shared, a case-insensitive dictionary is taken over as it is.
    /// </summary>
    public IDictionary<string, string> Metadata
    {
        get => _metadata ?? Interlocked.CompareExchange(ref _metadata, new MetadataDictionary(), null) ?? _metadata;
        init => _metadata = MetadataDictionary.From(value);
    }

    /// <summary>The metadata, or null when none was ever created (without creating it).</summary>
    internal MetadataDictionary? MetadataOrNull => _metadata;

    /// <summary>True when the message has any metadata (without creating the dictionary).</summary>
    public bool HasMetadata => _metadata is { Count: > 0 };

    public bool IsCanonical => string.Equals(Format, FormatNames.Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy of this message with another body; id, time, input and metadata (shared until written) are kept.</summary>
    public Message WithBody(ReadOnlyMemory<byte> body, string format) => new(this, body, format);
}
