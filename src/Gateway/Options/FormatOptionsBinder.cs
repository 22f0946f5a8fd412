using System.ComponentModel.DataAnnotations;
using Gateway.Core.Formats;

namespace Gateway.Options;

/// <summary>
/// Builds <see cref="FormatOptions"/> from option values given on the command line or in a query string, and
/// validates the result, naming each bad option the way the user wrote it.
/// </summary>
internal static class FormatOptionsBinder
{
    /// <summary>
    /// Applies <paramref name="values"/> over the defaults. Adds one message per problem to <paramref name="errors"/>,
    /// each naming the option as a CLI flag (<paramref name="cli"/>) or query parameter.
    /// </summary>
    public static FormatOptions Bind(IEnumerable<(FormatOptionDefinition Definition, string Value)> values, bool cli, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var options = NewDefaults();
        foreach (var (definition, value) in values)
        {
            if (definition.Apply(options, value) is { } error)
            {
                errors.Add($"{Describe(definition.Property, cli)}: {error}");
            }
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? string.Empty;
            errors.Add($"{Describe(member, cli)}: {result.ErrorMessage}");
        }

        return options;
    }

    /// <summary>
    /// The options of a conversion before any is given: the defaults, except that CSV input picks its delimiter
    /// (a file or a body is sampled as a whole, unlike the single lines a configured input may receive).
    /// </summary>
    public static FormatOptions NewDefaults() => new() { Delimiter = FormatOptions.AutoDelimiter };

    private static string Describe(string property, bool cli) =>
        cli ? FormatOptionCatalog.NameOf(property, cli: true) : $"query parameter '{FormatOptionCatalog.NameOf(property, cli: false)}'";
}
