using System.ComponentModel.DataAnnotations;
using Gateway.Converters.Paths;

namespace Gateway.Converters.Shaping;

/// <summary>Options of the <c>Select</c> step: <c>{ "Type": "Select", "Paths": [ "/id", "/address/city", "/lines/0" ] }</c>.</summary>
public sealed class SelectOptions : IValidatableObject
{
    /// <summary>
    /// JSON Pointers (RFC 6901, <c>~1</c> for <c>/</c> and <c>~0</c> for <c>~</c> in names; array indices allowed) of
    /// the values to keep. Everything else is removed; the objects and arrays around the kept values are rebuilt, so
    /// <c>/address/city</c> keeps <c>{ "address": { "city": ... } }</c>. Kept array elements keep their order and close
    /// up. Paths missing from a record are skipped.
    /// </summary>
    [Required]
    [MinLength(1, ErrorMessage = "Paths needs at least one JSON Pointer.")]
    public List<string> Paths { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<(string Member, string Message)>();
        PathSet.Build(Paths, nameof(Paths), allowWholeRecord: true, errors);
        return errors.Select(e => new ValidationResult(e.Message, [e.Member]));
    }
}
