namespace Gateway.Transports.Folder;

/// <summary>
/// Decides when a file in a hot folder is complete: when its size and modification time were the same in
/// observations at least <c>ReadyAfter</c> apart. The writer's own clock is never compared with ours (network shares
/// and containers disagree about time), only what this process saw and when, by its <see cref="TimeProvider"/>.
/// </summary>
internal sealed class FileReadiness(TimeSpan readyAfter, TimeProvider time)
{
    private readonly Dictionary<string, Observation> _seen = new(StringComparer.Ordinal);

    /// <summary>
    /// Records that <paramref name="path"/> has <paramref name="length"/> bytes and was last written at
    /// <paramref name="modified"/>; true when it has looked like this for <c>ReadyAfter</c>.
    /// </summary>
    public bool Observe(string path, long length, DateTime modified)
    {
        var now = time.GetUtcNow();
        if (!_seen.TryGetValue(path, out var seen) || seen.Length != length || seen.Modified != modified)
        {
            _seen[path] = new Observation(length, modified, now);
            return readyAfter <= TimeSpan.Zero;
        }

        return now - seen.Since >= readyAfter;
    }

    /// <summary>Forgets files that were not seen in the last scan (taken, moved or deleted), so the table stays small.</summary>
    public void Retain(IReadOnlySet<string> present)
    {
        foreach (var path in _seen.Keys.Where(p => !present.Contains(p)).ToList())
        {
            _seen.Remove(path);
        }
    }

    /// <summary>Forgets <paramref name="path"/>: the next file of that name is observed afresh.</summary>
    public void Forget(string path) => _seen.Remove(path);

    private readonly record struct Observation(long Length, DateTime Modified, DateTimeOffset Since);
}
