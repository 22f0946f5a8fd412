using System.ComponentModel.DataAnnotations;
using Gateway.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gateway.Core.Formats.Options;

/// <summary>
/// Builds <see cref="FormatOptions"/> the one way for every source: option values given as text on the command line
/// or in a query string (parsed by each <see cref="FormatOptionDescriptor"/>), or an input or sink section of the
/// configuration; then validates the result the same way, naming each bad option as the user wrote it.
/// </summary>
public static class FormatOptionsBinder
{
    /// <summary>
    /// The options of a conversion (<c>gateway convert</c>, <c>POST /convert</c>) before any is given: the defaults,
    /// except that CSV input picks its delimiter (a file or a body is sampled as a whole, unlike the single lines a
    /// configured input may receive).
    /// </summary>
    public static FormatOptions ConversionDefaults() => new() { Delimiter = FormatOptions.AutoDelimiter };

    /// <summary>
    /// Applies <paramref name="values"/> over <see cref="ConversionDefaults"/>. Adds one message per problem to
    /// <paramref name="errors"/>, each naming the option as a CLI flag (<paramref name="cli"/>) or query parameter.
    /// </summary>
    public static FormatOptions Bind(
        IEnumerable<(FormatOptionDescriptor Descriptor, string Value)> values, FormatOptionCatalog catalog, bool cli, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConversionDefaults();
        foreach (var (descriptor, value) in values)
        {
            if (descriptor.Apply(options, value) is { } error)
            {
                errors.Add($"{NameOf(descriptor, cli)}: {error}");
            }
        }

        Validate(options, key => catalog.FindByConfigKey(key) is { } descriptor ? NameOf(descriptor, cli) : key, errors);
        return options;
    }

    /// <summary>
    /// Binds the format options of an input or sink <paramref name="section"/> (its other keys belong to the
    /// transport and are left alone); problems are added to <paramref name="errors"/> by config path, and the result
    /// is null when there is any.
    /// </summary>
    public static FormatOptions? Bind(IConfigurationSection section, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);

        // Configuration keeps the configuration binder's reading of values (JSON numbers, lists and maps, enum numbers),
        // which is the contract of existing config files; its messages name the config path.
        return (FormatOptions?)OptionsBinder.Bind(typeof(FormatOptions), section, errors, [.. section.GetChildren().Select(c => c.Key)]);
    }

    /// <summary>The option as the user wrote it: its flag, or <c>query parameter 'name'</c>.</summary>
    public static string NameOf(FormatOptionDescriptor descriptor, bool cli)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return cli ? descriptor.CliFlag : $"query parameter '{descriptor.QueryName}'";
    }

    /// <summary>Runs the checks of <see cref="FormatOptions"/> (ranges, the records pointer, the header policy), naming each option by <paramref name="name"/>.</summary>
    private static void Validate(FormatOptions options, Func<string, string> name, ICollection<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            errors.Add($"{name(result.MemberNames.FirstOrDefault() ?? string.Empty)}: {result.ErrorMessage}");
        }
    }
}
