using System.ComponentModel.DataAnnotations;
using Gateway.Converters.Paths;

namespace Gateway.Converters.Shaping;

/// <summary>Options of the <c>Drop</c> step: <c>{ "Type": "Drop", "Paths": [ "/password", "/lines/0/internal" ] }</c>.</summary>
public sealed class DropOptions : IValidatableObject
{
    /// <summary>
    /// JSON Pointers (RFC 6901, <c>~1</c> for <c>/</c> and <c>~0</c> for <c>~</c> in names; array indices allowed) of
    /// the values to remove from each record. A removed array element closes up. Paths missing from a record are
    /// skipped. The empty pointer (the whole record) is not allowed: a <c>Filter</c> step drops records.
    /// </summary>
    [Required]
    [MinLength(1, ErrorMessage = "Paths needs at least one JSON Pointer.")]
    public List<string> Paths { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<(string Member, string Message)>();
        PathSet.Build(Paths, nameof(Paths), allowWholeRecord: false, errors);
        return errors.Select(e => new ValidationResult(e.Message, [e.Member]));
    }
}
