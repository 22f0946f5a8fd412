using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Http;

/// <summary>
/// Options of an <c>Http</c> sink:
/// <c>{ "Type": "Http", "Url": "http://127.0.0.1:9000/orders/{field:/id}", "Method": "Put", "Headers": { "Authorization": "Bearer abc" }, "Timeout": "00:00:10" }</c>.
/// Each message is one request whose body is the message encoded in the sink's <c>Format</c>, with that format's
/// media type as <c>Content-Type</c>. See <c>docs/sinks.md</c>.
/// </summary>
public sealed class HttpSinkOptions : IValidatableObject
{
    /// <summary>The longest <see cref="Timeout"/> accepted.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The absolute <c>http://</c> or <c>https://</c> URL. The path and query may hold template placeholders
    /// (<c>{id}</c>, <c>{input}</c>, <c>{topic[1]}</c>, <c>{header:NAME}</c>, <c>{field:/json/pointer}</c>, ...),
    /// whose values are URL-escaped; the scheme, host and port must be literal.
    /// </summary>
    public string? Url { get; set; }

    /// <summary><c>Post</c> (default) or <c>Put</c>.</summary>
    public HttpSinkMethod Method { get; set; } = HttpSinkMethod.Post;

    /// <summary>
    /// Request headers added to every request. Values may hold template placeholders (for example
    /// <c>{header:X-Correlation-Id}</c>); line breaks in filled-in values become spaces. A <c>Content-Type</c>
    /// entry replaces the format's media type.
    /// </summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest one request may take until the response headers arrive (default 30 seconds).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HttpSinkUrl.TryParse(Url, out _, out var urlError))
        {
            yield return new ValidationResult(urlError, [nameof(Url)]);
        }

        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
        {
            yield return new ValidationResult(
                $"Timeout must be more than 00:00:00 and at most {MaxTimeout:c} (it is {Timeout:c}).", [nameof(Timeout)]);
        }

        foreach (var (name, value) in Headers)
        {
            if (!HttpSinkHeaders.TryParse(name, value, out _, out var headerError))
            {
                yield return new ValidationResult(headerError, [$"{nameof(Headers)}:{name}"]);
            }
        }
    }
}
