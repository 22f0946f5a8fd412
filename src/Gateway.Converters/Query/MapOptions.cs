using System.ComponentModel.DataAnnotations;

namespace Gateway.Converters.Query;

/// <summary>Options of the <c>Map</c> step: <c>{ "Type": "Map", "Expression": "{ id: id, total: sum(lines[].amount) }" }</c>.</summary>
public sealed class MapOptions : IValidatableObject
{
    private JmesPathQuery? _compiled;

    /// <summary>
    /// A JMESPath expression evaluated on each record; its result replaces the record (a missing value gives
    /// <c>null</c>). Numbers that pass through the expression are read as 64-bit integers or doubles.
    /// </summary>
    [Required]
    public string Expression { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!JmesPathQuery.TryCompile(Expression, out _compiled, out var error))
        {
            yield return new ValidationResult(error, [nameof(Expression)]);
        }
    }

    /// <summary>The expression compiled by <see cref="Validate"/>, or compiled now; throws <see cref="ArgumentException"/> when invalid.</summary>
    internal JmesPathQuery Compile()
    {
        if (_compiled?.Text == Expression)
        {
            return _compiled;
        }

        return JmesPathQuery.TryCompile(Expression, out _compiled, out var error) ? _compiled : throw new ArgumentException($"{nameof(Expression)}: {error}");
    }
}
