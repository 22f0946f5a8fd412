using System.ComponentModel.DataAnnotations;

namespace Gateway.Converters.Query;

/// <summary>Options of the <c>Filter</c> step: <c>{ "Type": "Filter", "Expression": "status == 'open' &amp;&amp; total > `100`" }</c>.</summary>
public sealed class FilterOptions : IValidatableObject
{
    private JmesPathQuery? _compiled;

    /// <summary>
    /// A JMESPath expression evaluated on each record. The record is kept when the result is truthy by JMESPath rules:
    /// everything but <c>null</c>, <c>false</c>, <c>""</c>, <c>[]</c> and <c>{}</c> (so <c>0</c> keeps it).
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
