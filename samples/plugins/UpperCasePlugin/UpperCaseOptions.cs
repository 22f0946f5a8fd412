using System.ComponentModel.DataAnnotations;
using Gateway.Core.Json;

namespace UpperCasePlugin;

/// <summary>Options of the <c>UpperCase</c> step: <c>{ "Type": "UpperCase", "Paths": [ "/name", "/tags" ] }</c>.</summary>
public sealed class UpperCaseOptions : IValidatableObject
{
    /// <summary>
    /// JSON Pointers to the values to upper-case in each record: a string is upper-cased, an object or array has
    /// every string inside it upper-cased, anything else is left alone. Missing paths are skipped.
    /// </summary>
    [Required]
    [MinLength(1, ErrorMessage = "Paths needs at least one JSON Pointer.")]
    public List<string> Paths { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Paths.Count; i++)
        {
            if (!JsonPointer.TryParse(Paths[i], out _, out var error))
            {
                yield return new ValidationResult(error, [$"{nameof(Paths)}:{i}"]);
            }
        }
    }
}
