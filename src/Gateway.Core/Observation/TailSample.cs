namespace Gateway.Core.Observation;

/// <summary>
/// One sampled message at one point of its route, as the live tail shows it: <c>received</c> (the body as the input
/// gave it), <c>step</c> (after converter <see cref="Step"/>, named <see cref="Name"/>), <c>converted</c> (the
/// canonical message the route stores), <c>encoded</c> (as encoded for sink <see cref="Name"/>) or <c>failed</c>
/// (the conversion refused it; <see cref="Error"/> says why). A tail's stream starts with one <c>watching</c> sample
/// without a message.
/// </summary>
/// <param name="At">When it was sampled.</param>
/// <param name="Route">The route.</param>
/// <param name="MessageId">The message id (the same at every stage of one message).</param>
/// <param name="Stage"><c>watching</c>, <c>received</c>, <c>step</c>, <c>converted</c>, <c>encoded</c> or <c>failed</c>.</param>
/// <param name="Step">The converter step's index, for <c>step</c>.</param>
/// <param name="Name">The converter's name for <c>step</c>, the sink id for <c>encoded</c>.</param>
/// <param name="Format">The body's format.</param>
/// <param name="Bytes">The whole body's size.</param>
/// <param name="Body">The body as UTF-8 text, cut at the tail's byte limit.</param>
/// <param name="Truncated">True when <see cref="Body"/> was cut.</param>
/// <param name="Metadata">The message's metadata (at most 32 entries).</param>
/// <param name="Error">Why the conversion failed, for <c>failed</c>.</param>
public sealed record TailSample(
    DateTimeOffset At,
    string Route,
    Guid MessageId,
    string Stage,
    int? Step,
    string? Name,
    string Format,
    int Bytes,
    string Body,
    bool Truncated,
    IReadOnlyDictionary<string, string> Metadata,
    string? Error);
