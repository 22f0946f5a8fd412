using System.ComponentModel.DataAnnotations;

namespace Gateway.Admin;

/// <summary>
/// <c>Gateway:Admin</c>: the dashboard at <c>/</c> and the admin API under <c>/admin/api</c>. With an
/// <see cref="ApiKey"/>, both need it (header <c>X-Api-Key</c>, or the dashboard's login session); so do <c>/metrics</c>
/// and <c>/readyz</c> with <see cref="ProtectMetrics"/>. <c>/healthz</c>, OpenAPI, <c>/convert</c> and the inputs have their own settings.
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

    /// <summary>How long a dashboard login lasts (default 8 hours); then the key is asked again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Put <c>GET /metrics</c> and <c>GET /readyz</c> behind the API key too (default false: probes and scrapers need none).</summary>
    public bool ProtectMetrics { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionLifetime <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be a positive time span such as \"08:00:00\".", [nameof(SessionLifetime)]);
        }

        if (ProtectMetrics && string.IsNullOrEmpty(ApiKey))
        {
            yield return new ValidationResult("needs an ApiKey: without one there is no key to protect /metrics and /readyz with.", [nameof(ProtectMetrics)]);
        }

        if (!string.IsNullOrEmpty(ApiKey) && (ApiKey.Length < MinimumKeyLength || ApiKey.Trim().Length != ApiKey.Length))
        {
            yield return new ValidationResult(
                $"must be at least {MinimumKeyLength} characters without leading or trailing spaces (or empty for no key).", [nameof(ApiKey)]);
        }
    }
}
