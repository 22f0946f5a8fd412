using System.ComponentModel.DataAnnotations;

namespace Gateway.Admin;

/// <summary>
/// <c>Gateway:Admin</c>: the dashboard at <c>/</c> and the admin API under <c>/admin/api</c>. With an
/// <see cref="ApiKey"/>, both need it (header <c>X-Api-Key</c>, or the dashboard's login cookie); health, metrics,
/// OpenAPI, <c>/convert</c> and the inputs stay open.
/// </summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Admin";

    /// <summary>The shortest key accepted: long enough not to be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The key the dashboard and admin API ask for; empty or absent: no key (for a gateway on a trusted network).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Serve the dashboard at <c>/</c> (default true).</summary>
    public bool Dashboard { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiKey) && (ApiKey.Length < MinimumKeyLength || ApiKey.Trim().Length != ApiKey.Length))
        {
            yield return new ValidationResult(
                $"must be at least {MinimumKeyLength} characters without leading or trailing spaces (or empty for no key).", [nameof(ApiKey)]);
        }
    }
}
