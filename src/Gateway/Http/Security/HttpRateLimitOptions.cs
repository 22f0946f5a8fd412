using System.ComponentModel.DataAnnotations;

namespace Gateway.Http.Security;

/// <summary>
/// A token bucket per client for an <c>Http</c> input (its <c>RateLimit</c>) or <c>POST /convert</c>
/// (<c>Gateway:Http:ConvertRateLimit</c>): <c>{ "PermitsPerSecond": 50, "Burst": 100, "PartitionBy": "ClientAddress" }</c>.
/// A request beyond it gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class HttpRateLimitOptions : IValidatableObject
{
    public const string ClientAddress = "ClientAddress";

    public const string Key = "Key";

    private static readonly string[] Partitions = [ClientAddress, Key];

    /// <summary>Requests a client may make per second, on average.</summary>
    [Range(1, 1_000_000, ErrorMessage = "PermitsPerSecond must be between 1 and 1000000.")]
    public int PermitsPerSecond { get; set; } = 10;

    /// <summary>Requests a client may make at once after being quiet (the bucket's size); at least <see cref="PermitsPerSecond"/> when 0.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Burst must be between 0 and 1000000.")]
    public int Burst { get; set; }

    /// <summary>
    /// <c>ClientAddress</c> (the default): one bucket per remote IP address. <c>Key</c>: one per credential presented
    /// (<c>X-Api-Key</c>, a bearer token or a client certificate), falling back to the address when there is none.
    /// </summary>
    public string PartitionBy { get; set; } = ClientAddress;

    /// <summary>The bucket's size.</summary>
    public int BucketSize => Math.Max(Burst, PermitsPerSecond);

    /// <summary>True when buckets are per credential.</summary>
    public bool ByKey => string.Equals(PartitionBy, Key, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Partitions.Contains(PartitionBy, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"unknown partition '{PartitionBy}'. Known values: {string.Join(", ", Partitions)}.", [nameof(PartitionBy)]);
        }
    }
}
