namespace Gateway.Core.DeadLetters;

/// <summary>
/// One dead letter in the <see cref="DeadLetterFolder"/>, as its <c>.meta.json</c> describes it. <see cref="Name"/>
/// names it in the admin API (the file name without extension); <see cref="Sink"/> is null when it failed conversion.
/// </summary>
public sealed record DeadLetterEntry(
    string Name,
    Guid Id,
    string Route,
    string Input,
    string? Sink,
    string Stage,
    string Error,
    string Format,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? FailedAt,
    long BodyBytes,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The body file's name in the folder.</summary>
    public required string BodyFile { get; init; }
}
