namespace Gateway.Core.Formats.Options;

/// <summary>
/// One format option, described once: its configuration key (the <see cref="FormatOptions"/> property), its
/// query-string name and aliases, its command-line flag, the formats it concerns, its help text and how one value
/// written as text is parsed. Each <see cref="DataFormat"/> lists the descriptors of its options; the CLI, the
/// <c>/convert</c> query string, configuration, the OpenAPI document and the documentation checks all read them.
/// </summary>
/// <param name="ConfigKey">The <see cref="FormatOptions"/> property, which is also the configuration key.</param>
/// <param name="QueryName">The query-string parameter (compared case-insensitively).</param>
/// <param name="CliFlag">The command-line flag, with its dashes.</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="Formats">The formats and directions it concerns, as the documentation tables show them (<c>JSON -> CSV</c>).</param>
/// <param name="Description">Help text.</param>
/// <param name="Apply">Parses one value into the options; returns an error message, or null when the value is valid.</param>
public sealed record FormatOptionDescriptor(
    string ConfigKey,
    string QueryName,
    string CliFlag,
    FormatOptionKind Kind,
    string Formats,
    string Description,
    Func<FormatOptions, string, string?> Apply)
{
    /// <summary>Other accepted query-string names.</summary>
    public IReadOnlyList<string> QueryAliases { get; init; } = [];

    /// <summary>For flags: the command-line flag sets this text (for example <c>--no-header</c> sets <c>false</c>).</summary>
    public string CliFlagValue { get; init; } = "true";

    /// <summary>The placeholder shown in help for the value.</summary>
    public string? HelpName { get; init; }

    /// <summary>The query-string name followed by its aliases.</summary>
    public IEnumerable<string> QueryNames => [QueryName, .. QueryAliases];
}
