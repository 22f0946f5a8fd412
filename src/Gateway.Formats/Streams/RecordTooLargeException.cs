namespace Gateway.Formats.Streams;

/// <summary>One record (or a whole single-value document) is larger than the configured limit.</summary>
internal sealed class RecordTooLargeException(long limit)
    : Exception($"A single record or document is larger than the limit of {limit} bytes (MaxDocumentChars)")
{
    public long Limit { get; } = limit;
}
