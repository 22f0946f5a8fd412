using System.ComponentModel.DataAnnotations;
using Gateway.Http.Security;

namespace Gateway.Http.Ingest;

/// <summary>
/// An <c>Http</c> input: <c>{ "Type": "Http", "Path": "/ingest/orders" }</c>. POST or PUT a body to <see cref="Path"/>;
/// its format is the input's <c>Format</c> when set, otherwise the request's <c>Content-Type</c>.
/// </summary>
public sealed class HttpInputOptions : IValidatableObject
{
    /// <summary>Paths the gateway serves itself, which an input cannot take.</summary>
    public static IReadOnlyList<string> ReservedPaths { get; } = ["/convert", "/healthz", "/readyz", "/metrics", "/openapi"];

    /// <summary>The request path, starting with <c>/</c>.</summary>
    [Required]
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// The request headers that become message metadata (for <c>{header:NAME}</c> templates and sinks). Empty (the
    /// default) copies every header except credentials (<c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c>).
    /// </summary>
    public List<string> Headers { get; } = [];

    /// <summary>How long <c>?wait=true</c> waits for every sink to acknowledge before answering 504.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Who may send to this input; absent: anyone. A change needs a restart.</summary>
    public HttpAuthOptions? Auth { get; set; }

    /// <summary>The rate limit per client; absent: none. A change needs a restart.</summary>
    public HttpRateLimitOptions? RateLimit { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Path))
        {
            yield break;
        }

        if (!Path.StartsWith('/') || Path.Contains('?', StringComparison.Ordinal) || Path.Contains('#', StringComparison.Ordinal) || Path.Contains('{', StringComparison.Ordinal))
        {
            yield return new ValidationResult($"'{Path}' is not a request path: it must start with '/' and hold no query, fragment or route parameter.", [nameof(Path)]);
        }
        else if (ReservedPaths.Any(r => Path.Equals(r, StringComparison.OrdinalIgnoreCase) || Path.StartsWith(r + "/", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult($"'{Path}' is served by the gateway itself ({string.Join(", ", ReservedPaths)}); choose another path.", [nameof(Path)]);
        }

        if (WaitTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("must be a positive time span such as \"00:00:30\".", [nameof(WaitTimeout)]);
        }
    }
}
