using Gateway.Core.DeadLetters;

namespace Gateway.Admin;

/// <summary>One dead letter with its body as text (UTF-8, invalid bytes replaced), cut at <see cref="AdminApi.MaxBodyChars"/>.</summary>
public sealed record DeadLetterDetail(DeadLetterEntry Entry, string Body, bool Truncated);
