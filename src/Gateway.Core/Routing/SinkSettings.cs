using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.Routing;

/// <summary>The keys every sink section has besides its type's own options and the format options.</summary>
public sealed class SinkSettings
{
    /// <summary><c>Http</c>, <c>Tcp</c>, <c>Mqtt</c>, <c>File</c>, <c>Console</c>, or a plugin's sink type.</summary>
    public string? Type { get; set; }

    /// <summary>The format messages are encoded in for this sink; default <c>Json</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Retries of transient failures: capped exponential backoff with jitter, for up to <see cref="RetrySettings.MaxDuration"/>.</summary>
    public RetrySettings Retry { get; set; } = new();

    /// <summary>The longest one attempt may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many batches the sink keeps outstanding at once, their acknowledgements awaited together; the cursor still
    /// moves in log order. The default is the sink type's: 4 for Nats; 1 for the others, which take one batch at a
    /// time (more is an error).
    /// </summary>
    [Range(1, MaxInFlightBatchesLimit)]
    public int? MaxInFlightBatches { get; set; }

    /// <summary>The highest <see cref="MaxInFlightBatches"/>: batches of 256 messages, so this many is 16,384 messages read ahead of the cursor.</summary>
    public const int MaxInFlightBatchesLimit = 64;
}
