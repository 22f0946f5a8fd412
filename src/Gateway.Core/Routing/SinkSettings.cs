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
    /// How many batches the sink may have outstanding at once (its acknowledgements awaited together); unset, the sink
    /// type's default (<see cref="SinkRegistration.InFlightBatches"/>). Only sink types that wait for remote
    /// acknowledgements take more than one; the cursor still moves in log order.
    /// </summary>
    [Range(1, MaxInFlightBatchesLimit)]
    public int? MaxInFlightBatches { get; set; }

    /// <summary>The highest <see cref="MaxInFlightBatches"/>: batches of 256 messages, so this many is 16,384 messages read ahead of the cursor.</summary>
    public const int MaxInFlightBatchesLimit = 64;
}
