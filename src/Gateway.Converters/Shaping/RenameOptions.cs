using System.ComponentModel.DataAnnotations;

namespace Gateway.Converters.Shaping;

/// <summary>
/// Options of the <c>Rename</c> step: <c>{ "Type": "Rename", "Map": { "qty": "quantity", "/address/zip": "postcode" } }</c>.
/// </summary>
public sealed class RenameOptions : IValidatableObject
{
    /// <summary>
    /// Old name to new name. A key that is a plain name (<c>qty</c>) renames that top-level property of each record;
    /// a key that starts with <c>/</c> is a JSON Pointer (<c>/address/zip</c>, <c>/lines/0/qty</c>) to the property to
    /// rename. The new name is a plain property name. A property that is missing is left alone; an existing property
    /// that already has the new name is replaced by the renamed one.
    /// </summary>
    [Required]
    [MinLength(1, ErrorMessage = "Map needs at least one entry (old name -> new name).")]
    public Dictionary<string, string> Map { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<(string Member, string Message)>();
        RenameConverter.TryBuildRules(Map, errors);
        return errors.Select(e => new ValidationResult(e.Message, [e.Member]));
    }
}
