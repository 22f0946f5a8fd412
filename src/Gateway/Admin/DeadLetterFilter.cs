using Gateway.Core.DeadLetters;

namespace Gateway.Admin;

/// <summary>
/// Which dead letters a bulk action takes: by route and sink (ids, case-insensitive) and by a piece of the error text.
/// At least one must be given, or <c>all=true</c>, so an empty form never empties the folder.
/// </summary>
internal sealed record DeadLetterFilter(string? Route, string? Sink, string? Error, bool All)
{
    public bool IsEmpty => !All && string.IsNullOrEmpty(Route) && string.IsNullOrEmpty(Sink) && string.IsNullOrEmpty(Error);

    public bool Matches(DeadLetterEntry entry) =>
        (string.IsNullOrEmpty(Route) || string.Equals(entry.Route, Route, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Sink) || string.Equals(entry.Sink, Sink, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(Error) || entry.Error.Contains(Error, StringComparison.OrdinalIgnoreCase));
}
