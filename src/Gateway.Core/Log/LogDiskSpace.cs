namespace Gateway.Core.Log;

/// <summary>
/// Keeps the buffer from filling its disk to the last byte. SQLite in WAL mode writes every page twice (to the WAL,
/// then to the database at the checkpoint), and dropping what the sinks took is itself a transaction that needs WAL
/// room. On a disk filled by the log's own commits, the checkpoint cannot grow the database and the WAL cannot grow
/// either: no commit, not even one that only frees rows, ever succeeds again. So inputs stop at
/// <see cref="BufferOptions.MinFreeBytes"/> plus a headroom (<see cref="Measure"/>), and the committer never starts a
/// commit that would eat into the headroom (<see cref="EnsureRoomFor"/>), whatever raced past the inputs' check.
/// </summary>
internal sealed class LogDiskSpace(string folder, long minFreeBytes, SqliteLogStore store)
{
    /// <summary>The least room kept for the sinks' progress, the checkpoint and the incremental vacuum.</summary>
    private const long BaseHeadroom = 1L << 20;

    /// <summary>
    /// The room left for the inputs until the next check: half the free space above what is kept (each byte is written
    /// to the WAL and to the database), or a refusal that says why there is none.
    /// </summary>
    public (long Room, string? Refusal) Measure()
    {
        var disk = new DriveInfo(folder);
        var keep = Math.Min(minFreeBytes, disk.TotalSize / 10) + Headroom();
        var free = disk.AvailableFreeSpace + store.ReusableBytes();
        var room = (free - keep) / 2;
        return room > 0
            ? (room, null)
            : (0, $"The disk of the buffer ({folder}) has {free} bytes free, less than the {keep} it keeps (Gateway:Buffer:MinFreeBytes and room to drop what the sinks took); retry when the sinks caught up or space was freed.");
    }

    /// <summary>Throws when a commit of <paramref name="bytes"/> of new messages would leave less than the headroom.</summary>
    /// <exception cref="IOException">The disk has too little room now; the commit is retried once the sinks freed some.</exception>
    public void EnsureRoomFor(long bytes)
    {
        var available = new DriveInfo(folder).AvailableFreeSpace;
        var needed = (2 * bytes) + store.WalBytes() + Headroom();
        if (available < needed)
        {
            throw new IOException($"the disk of the buffer ({folder}) has {available} bytes free, and storing {bytes} bytes of messages needs {needed} with the room kept to drop what the sinks took");
        }
    }

    /// <summary>Freeing the rows of a large backlog writes freelist and pointer-map pages: about one page in 128.</summary>
    private long Headroom() => BaseHeadroom + (store.DatabaseBytes() / 128);
}
