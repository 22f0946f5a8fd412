namespace Gateway.Core.Formats.Options;

/// <summary>
/// The format options of a set of formats: each <see cref="DataFormat.Options"/> in turn, an option that several
/// formats share listed once. Looks options up by query-string name (or alias) and configuration key.
/// </summary>
public sealed class FormatOptionCatalog
{
    public FormatOptionCatalog(IEnumerable<DataFormat> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        All = [.. formats.SelectMany(f => f.Options).DistinctBy(d => d.ConfigKey, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Every option, in the order the formats list them.</summary>
    public IReadOnlyList<FormatOptionDescriptor> All { get; }

    /// <summary>The configuration keys (the <see cref="FormatOptions"/> properties) of every option.</summary>
    public IEnumerable<string> ConfigKeys => All.Select(d => d.ConfigKey);

    /// <summary>Finds an option by its query-string name or alias, ignoring case.</summary>
    public FormatOptionDescriptor? FindByQueryName(string name) =>
        All.FirstOrDefault(d => d.QueryNames.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Finds an option by its configuration key, ignoring case.</summary>
    public FormatOptionDescriptor? FindByConfigKey(string key) =>
        All.FirstOrDefault(d => string.Equals(d.ConfigKey, key, StringComparison.OrdinalIgnoreCase));
}
