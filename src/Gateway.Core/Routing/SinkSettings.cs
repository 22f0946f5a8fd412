using System.ComponentModel.DataAnnotations;

namespace Gateway.Core.Routing;

/// <summary>The keys every sink section has besides its type's own options and the format options.</summary>
public sealed class SinkSettings
{
    /// <summary><c>Http</c>, <c>Tcp</c>, <c>Mqtt</c>, <c>File</c>, <c>Console</c>, or a plugin's sink type.</summary>
    public string? Type { get; set; }

    /// <summary>The format messages are encoded in for this sink; default <c>Json</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Retries of transient failures, with exponential backoff and jitter.</summary>
    public RetrySettings Retry { get; set; } = new();

    /// <summary>How many messages may wait for this sink, per route, before the route pushes back.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>The longest one attempt may take before it counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
