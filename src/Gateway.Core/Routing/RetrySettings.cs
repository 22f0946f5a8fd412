using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.Routing;

/// <summary>Retries of a sink's transient failures: exponential backoff from <see cref="Delay"/> up to <see cref="MaxDelay"/>, with jitter.</summary>
public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    [Range(0, 1000)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The delay before the first retry; it doubles for each next one.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
