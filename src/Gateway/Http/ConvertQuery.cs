using Gateway.Core.Formats;
using Gateway.Core.Formats.Options;

namespace Gateway.Http;

/// <summary>Reads the options of <c>POST /convert</c> from its query string.</summary>
internal static class ConvertQuery
{
    /// <summary>The query parameter naming a configured converter pipeline.</summary>
    public const string PipelineParameter = "pipeline";

    /// <summary>
    /// Builds the format options and the pipeline name from <paramref name="query"/>; every problem (unknown
    /// parameter, bad value) is added to <paramref name="errors"/>, naming the parameter.
    /// </summary>
    public static FormatOptions Parse(IQueryCollection query, FormatOptionCatalog catalog, ICollection<string> errors, out string? pipeline)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        pipeline = null;
        if (query.Count == 0)
        {
            return FormatOptionsBinder.ConversionDefaults(); // the defaults are valid: no binding or validation needed
        }

        var values = new List<(FormatOptionDescriptor, string)>();
        foreach (var (key, given) in query)
        {
            if (string.Equals(key, PipelineParameter, StringComparison.OrdinalIgnoreCase))
            {
                if (given.Count != 1 || string.IsNullOrWhiteSpace(given[0]))
                {
                    errors.Add($"query parameter '{key}': give one pipeline name.");
                }

                pipeline = given[^1];
                continue;
            }

            if (catalog.FindByQueryName(key) is not { } definition)
            {
                errors.Add($"query parameter '{key}': unknown option. Known options: {string.Join(", ", KnownNames(catalog))}.");
                continue;
            }

            if (given.Count > 1 && definition.Kind != FormatOptionKind.List)
            {
                errors.Add($"query parameter '{key}': given {given.Count} times; give it once.");
                continue;
            }

            foreach (var value in given)
            {
                values.Add((definition, value ?? string.Empty));
            }
        }

        return FormatOptionsBinder.Bind(values, catalog, cli: false, errors);
    }

    private static IEnumerable<string> KnownNames(FormatOptionCatalog catalog) =>
        catalog.All.Select(d => d.QueryName).Append(PipelineParameter);
}
