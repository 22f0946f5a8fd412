using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.DeadLetters;

/// <summary><c>Gateway:DeadLetters</c>: where failed messages go when their route names no <c>DeadLetter</c> sink (or it fails too).</summary>
public sealed class DeadLetterOptions
{
    public const string SectionName = "DeadLetters";

    /// <summary>The folder (relative to the working directory) that gets one body file and one <c>.meta.json</c> per failed message.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Folder { get; set; } = "dead-letters";

    /// <summary>
    /// The most bytes the folder may hold; when full, failed messages stay in their route's log (which pushes back on
    /// the inputs once it is full too) until dead letters are re-driven or deleted.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 1L << 30;
}
