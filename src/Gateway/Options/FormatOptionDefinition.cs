using Gateway.Core.Formats;

namespace Gateway.Options;

/// <summary>
/// One format option as users write it: its query-string name (and aliases), its command-line flag, its help text,
/// and how one value is parsed into <see cref="FormatOptions"/>. The CLI and the HTTP host share these definitions
/// so both accept the same values with the same messages.
/// </summary>
/// <param name="Property">The <see cref="FormatOptions"/> property set, to name the option in validation messages.</param>
/// <param name="QueryName">The query-string parameter (compared case-insensitively).</param>
/// <param name="CliFlag">The command-line flag, with its dashes.</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="Description">Help text.</param>
/// <param name="Apply">Parses one value into the options; returns an error message, or null when the value is valid.</param>
internal sealed record FormatOptionDefinition(
    string Property,
    string QueryName,
    string CliFlag,
    FormatOptionKind Kind,
    string Description,
    Func<FormatOptions, string, string?> Apply)
{
    /// <summary>Other accepted query-string names.</summary>
    public IReadOnlyList<string> QueryAliases { get; init; } = [];

    /// <summary>For flags: the command-line flag sets this text (for example <c>--no-header</c> sets <c>false</c>).</summary>
    public string CliFlagValue { get; init; } = "true";

    /// <summary>The placeholder shown in help for the value.</summary>
    public string? HelpName { get; init; }
}
