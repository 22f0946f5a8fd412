using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.Log;

/// <summary>
/// <c>Gateway:Buffer</c>: the durable log every route writes accepted messages to before its input acknowledges them.
/// </summary>
public sealed class BufferOptions
{
    public const string SectionName = "Buffer";

    /// <summary>The folder (relative to the working directory) that holds the log (<c>routes.db</c>, SQLite in WAL mode).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "data/buffer";

    /// <summary><c>Disk</c> (the default) or <c>Memory</c> (an explicit opt-out: a crash loses acknowledged messages).</summary>
    public BufferDurability Durability { get; set; } = BufferDurability.Disk;

    /// <summary>The most bytes of messages the log holds for all routes; when full, inputs push back (HTTP 503, TCP stops reading, MQTT stops acknowledging).</summary>
    [Range(64 * 1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// The free space the buffer leaves on its disk (at most a tenth of the disk): below it, inputs push back as if the
    /// buffer were full. The room is what SQLite needs to checkpoint and drop what the sinks took; a disk filled to
    /// the last byte could not even do that.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 64L << 20;

    /// <summary>
    /// The most bytes of committed messages kept in memory for the sinks to read (disk durability); older ones are read
    /// back from disk when a slow sink gets to them. Messages count about what they take on the heap (body, metadata
    /// and objects), and the garbage collector needs about as much again, so keep it well below the memory the
    /// process may use.
    /// </summary>
    [Range(64 * 1024, long.MaxValue)]
    public long MemoryBytes { get; set; } = 16L << 20;
}
