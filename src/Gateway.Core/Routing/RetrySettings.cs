using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.Routing;

/// <summary>
/// Retries of a sink's transient failures: capped exponential backoff from <see cref="Delay"/> up to
/// <see cref="MaxDelay"/>, with jitter (a <c>Retry-After</c> from the sink wins), for as long as the message is younger
/// than <see cref="MaxDuration"/>. The message stays in the route's log meanwhile, so a long outage pushes back on
/// the inputs instead of filling the dead letters.
/// </summary>
public sealed class RetrySettings
{
    /// <summary>How long after it was received a message is still retried; past it, a transient failure dead-letters it.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Optional: at most this many retries after the first attempt (0 turns retrying off); unset, only <see cref="MaxDuration"/> limits them.</summary>
    [Range(0, int.MaxValue)]
    public int? MaxAttempts { get; set; }

    /// <summary>The delay before the first retry; it doubles for each next one.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
