using System.Text;
using NJsonSchema.Validation;

namespace Gateway.Converters.Validation;

/// <summary>
/// Turns NJsonSchema errors into lines a person can act on: <c>record 2: $.lines[0].qty: number too small</c>.
/// Wrapper errors (an invalid array item, property, ...) are replaced by the errors inside them; a failed
/// <c>oneOf</c>/<c>anyOf</c> lists what each alternative found.
/// </summary>
internal sealed class JsonSchemaErrors(int limit)
{
    private readonly List<string> _lines = [];

    public int Count { get; private set; }

    /// <summary>The formatted errors, at most the limit, with a last line counting the others.</summary>
    public IReadOnlyList<string> Lines => Count <= _lines.Count ? _lines : [.. _lines, $"... and {Count - _lines.Count} more errors"];

    public void Add(long record, IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && error.Kind is not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf)
                && child.Errors.Values.Any(e => e.Count > 0))
            {
                foreach (var inner in child.Errors.Values)
                {
                    Add(record, inner);
                }

                continue;
            }

            Count++;
            if (_lines.Count < limit)
            {
                _lines.Add($"record {record}: {Path(error.Path)}: {Describe(error)}");
            }
        }
    }

    private static string Describe(ValidationError error)
    {
        var text = Words(error.Kind.ToString());
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            var alternatives = child.Errors.Values.Select(errors => string.Join(", ", errors.Select(e => Words(e.Kind.ToString()))));
            text += $" (the alternatives found: {string.Join(" | ", alternatives)})";
        }

        return text;
    }

    /// <summary>NJsonSchema writes <c>#/lines[0].qty</c>; the gateway speaks JSON path: <c>$.lines[0].qty</c>.</summary>
    private static string Path(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "#")
        {
            return "$";
        }

        return path.StartsWith("#/", StringComparison.Ordinal) ? "$." + path[2..] : path;
    }

    /// <summary><c>NumberTooSmall</c> becomes <c>number too small</c>.</summary>
    private static string Words(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
