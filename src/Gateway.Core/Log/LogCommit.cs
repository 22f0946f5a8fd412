namespace Gateway.Core.Log;

/// <summary>One transaction of the store: new groups (their packed records), cursor moves and deletions, and truncations.</summary>
internal sealed record LogCommit(
    IReadOnlyList<(StoredGroup Group, byte[] Record)> Groups,
    IReadOnlyList<StoredCursor> Cursors,
    IReadOnlyList<(string Route, string Sink)> RemovedCursors,
    IReadOnlyList<(string Route, long UpToGroup)> Truncations)
{
    public bool IsEmpty => Groups.Count == 0 && Cursors.Count == 0 && RemovedCursors.Count == 0 && Truncations.Count == 0;
}
