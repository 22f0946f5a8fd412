using System.ComponentModel.DataAnnotations;

namespace Gateway.Converters.Query;

/// <summary>Options of the steps driven by one JMESPath expression: compiled once, when the pipeline is built.</summary>
public abstract class JmesPathOptions : IValidatableObject
{
    private JmesPathQuery? _compiled;

    /// <summary>A JMESPath expression evaluated on each record (see the step's own documentation for its use).</summary>
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
