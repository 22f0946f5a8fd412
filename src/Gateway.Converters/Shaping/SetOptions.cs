using System.ComponentModel.DataAnnotations;

namespace Gateway.Converters.Shaping;

/// <summary>
/// Options of the <c>Set</c> step:
/// <c>{ "Type": "Set", "Fields": { "/meta/source": "{input}" }, "Values": { "/meta/version": "2" } }</c>.
/// At least one entry in <see cref="Fields"/> or <see cref="Values"/> is required; a path may appear once.
/// </summary>
public sealed class SetOptions : IValidatableObject
{
    /// <summary>
    /// JSON Pointer to a template whose rendered text is set as a string. Placeholders: <c>{input}</c>, <c>{id}</c>,
    /// <c>{receivedAt}</c>, <c>{format}</c>, <c>{topic}</c>, <c>{topic[N]}</c>, <c>{header:NAME}</c>,
    /// <c>{meta:NAME}</c> and <c>{field:/json/pointer}</c> (a value of the same record, as it entered the step);
    /// <c>{{</c> and <c>}}</c> are literal braces.
    /// </summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// JSON Pointer to JSON text set as it is: <c>"42"</c>, <c>"true"</c>, <c>"null"</c>, <c>"\"text\""</c>,
    /// <c>"{\"a\":1}"</c>.
    /// </summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Fields.Count + Values.Count == 0)
        {
            return [new ValidationResult("Set needs at least one entry in Fields (templates) or Values (JSON text).", [nameof(Fields), nameof(Values)])];
        }

        var errors = new List<(string Member, string Message)>();
        SetConverter.TryBuildRules(this, errors);
        return errors.Select(e => new ValidationResult(e.Message, [e.Member]));
    }
}
