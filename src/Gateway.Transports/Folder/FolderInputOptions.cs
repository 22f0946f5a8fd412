using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Folder;

/// <summary>
/// A hot folder: <c>{ "Type": "Folder", "Path": "in/orders", "Pattern": "*.csv", "Mode": "Records" }</c>. Files that
/// match <see cref="Pattern"/> and have stopped changing are read, handed to the routes, and moved to
/// <see cref="Done"/> once every record is stored (or to <see cref="Failed"/> with a <c>.error.json</c> when they
/// cannot be read). See <c>docs/transports-folder.md</c>.
/// </summary>
public sealed class FolderInputOptions : IValidatableObject
{
    /// <summary>The folder to watch (relative paths start at the working directory); created if missing.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// File names to pick up: <c>*</c> and <c>?</c> wildcards, several separated by <c>;</c> (<c>*.csv;*.txt</c>),
    /// case-insensitive. Default <c>*</c>. Hidden files (<c>.name</c>) and <c>*.tmp</c> files are never picked up.
    /// </summary>
    public string Pattern { get; set; } = "*";

    /// <summary>Also pick up files in subfolders (except hidden ones and <see cref="Done"/> and <see cref="Failed"/>).</summary>
    public bool Recursive { get; set; }

    /// <summary>A file whose size and modification time have not changed for this long is complete. Default 2 s.</summary>
    public TimeSpan ReadyAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the folder is scanned besides the file system's change events (which can be missed). Default 1 s.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>Records</c> (default): one message per record, streamed; <c>Document</c>: one message per file.</summary>
    public FolderInputMode Mode { get; set; } = FolderInputMode.Records;

    /// <summary><c>Records</c>: the most records handed to the routes in one batch (one durable commit). Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int BatchRecords { get; set; } = 1000;

    /// <summary><c>Document</c>: the largest file in bytes; a larger one is moved to <see cref="Failed"/>. Default 16 MiB.</summary>
    [Range(1, int.MaxValue)]
    public int MaxDocumentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Where finished files are moved; default <c>PATH/.done</c>. Relative paths start at the working directory.</summary>
    public string? Done { get; set; }

    /// <summary>Where files that cannot be read are moved, each with a <c>NAME.error.json</c>; default <c>PATH/.failed</c>.</summary>
    public string? Failed { get; set; }

    /// <summary>Delete finished files instead of moving them to <see cref="Done"/> (failed files are always kept). Default false.</summary>
    public bool Delete { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("Path is required: the folder to watch, such as in/orders.", [nameof(Path)]);
        }

        if (FolderPattern.TryParse(Pattern, out var error) is null)
        {
            yield return new ValidationResult($"'{Pattern}': {error}", [nameof(Pattern)]);
        }

        if (ReadyAfter < TimeSpan.Zero)
        {
            yield return new ValidationResult($"ReadyAfter cannot be negative (it is {ReadyAfter}).", [nameof(ReadyAfter)]);
        }

        if (ScanInterval < TimeSpan.FromMilliseconds(10))
        {
            yield return new ValidationResult($"ScanInterval must be at least 00:00:00.010 (it is {ScanInterval}).", [nameof(ScanInterval)]);
        }
    }
}
