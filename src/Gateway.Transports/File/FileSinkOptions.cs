using System.ComponentModel.DataAnnotations;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Transports.Files;

/// <summary>
/// Options of a <c>File</c> sink:
/// <c>{ "Type": "File", "Folder": "out/orders", "Mode": "PerMessage", "FileName": "{input}-{id}", "Format": "Xml" }</c> or
/// <c>{ "Type": "File", "Folder": "out", "Mode": "Append", "FileName": "readings", "Format": "Ndjson", "MaxFileBytes": 10485760 }</c>.
/// The file extension comes from the format (<c>.json</c>, <c>.ndjson</c>, <c>.xml</c>, <c>.csv</c>). See <c>docs/sinks.md</c>.
/// </summary>
public sealed class FileSinkOptions : IValidatableObject
{
    /// <summary>The <see cref="FileName"/> of <c>WholeFile</c> mode when none is set: the input file's name without its extension.</summary>
    internal const string WholeFileDefaultName = "{stem}";

    /// <summary>The folder files are written to (relative paths start at the working directory); created if missing.</summary>
    public string? Folder { get; set; }

    /// <summary><c>PerMessage</c> (default), <c>Append</c> or <c>WholeFile</c>.</summary>
    public FileSinkMode Mode { get; set; } = FileSinkMode.PerMessage;

    /// <summary>
    /// The file name without extension. <c>PerMessage</c>: a template, default <c>{id}</c>; path separators and
    /// characters a file name cannot hold are replaced by <c>_</c> in filled-in values. <c>Append</c>: a fixed name,
    /// default the sink id. <c>WholeFile</c>: a template that also knows <c>{name}</c>, <c>{stem}</c>, <c>{ext}</c> (of the
    /// input file) and <c>{date:FORMAT}</c>, default <c>{stem}</c>. The format's extension is added unless the name already ends with it.
    /// </summary>
    public string? FileName { get; set; }

    /// <summary><c>Append</c>: the size at which the file is rolled (renamed with a timestamp and started anew); default 100 MiB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Wait until each message is on the disk (fsync) rather than handed to the operating system (default false).</summary>
    public bool FlushToDisk { get; set; }

    /// <summary><c>PerMessage</c>: replace a file of the same name; by default that message fails (permanently) instead.</summary>
    public bool Overwrite { get; set; }

    /// <summary>The sink's format (the section's <c>Format</c> key, default <c>Json</c>), read here to check that <c>Append</c> can use it.</summary>
    public string? Format { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            yield return new ValidationResult("Folder is required: the folder files are written to, such as out/orders.", [nameof(Folder)]);
        }

        if (Mode == FileSinkMode.WholeFile)
        {
            if (FileName is not null && !WholeFileName.TryParse(FileName, out _, out var nameError))
            {
                yield return new ValidationResult($"'{FileName}': {nameError}", [nameof(FileName)]);
            }
            else if (FileName?.IndexOfAny(['/', '\\']) >= 0)
            {
                yield return new ValidationResult($"'{FileName}': FileName is a file name, not a path: remove path separators.", [nameof(FileName)]);
            }
        }
        else if (FileName is not null)
        {
            if (!MessageTemplate.TryParse(FileName, out var template, out var error) || !FileSinkNames.TryCheck(template, out error))
            {
                yield return new ValidationResult($"'{FileName}': {error}", [nameof(FileName)]);
            }
            else if (Mode == FileSinkMode.Append && !template.IsConstant)
            {
                yield return new ValidationResult(
                    $"'{FileName}': in Append mode FileName is one fixed name; placeholders are for PerMessage mode.", [nameof(FileName)]);
            }
        }

        var format = string.IsNullOrEmpty(Format) ? FormatNames.Json : Format;
        if (Mode == FileSinkMode.Append
            && !string.Equals(format, FormatNames.Ndjson, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(format, FormatNames.Csv, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"Mode Append needs Format Ndjson or Csv, whose messages can follow each other in one file (Format is {format}); use Mode PerMessage for {format}.",
                [nameof(Mode)]);
        }

        if (MaxFileBytes < 1)
        {
            yield return new ValidationResult($"MaxFileBytes must be at least 1 (it is {MaxFileBytes}).", [nameof(MaxFileBytes)]);
        }
    }
}
