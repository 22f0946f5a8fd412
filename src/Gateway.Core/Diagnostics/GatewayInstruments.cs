using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gateway.Core.Diagnostics;

/// <summary>
/// The gateway's own <see cref="Meter"/> and <see cref="ActivitySource"/> (both named <see cref="Name"/>), and the
/// latency histograms the route engine records. Counters and queue depths are observed from
/// <see cref="Routing.GatewayCounters"/> by the host, so the hot path only pays for the two histograms.
/// </summary>
public static class GatewayInstruments
{
    /// <summary>The meter and activity source name to subscribe to (OpenTelemetry <c>AddMeter</c>/<c>AddSource</c>).</summary>
    public const string Name = "Gateway";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Seconds a route's converter pipeline took for one message; tag <c>route</c>.</summary>
    public static readonly Histogram<double> ConversionDuration = Meter.CreateHistogram<double>(
        "gateway.conversion.duration", "s", "Time a route's converter pipeline took for one message.");

    /// <summary>Seconds one delivery to a sink took, retries included; tags <c>route</c>, <c>sink</c>, <c>outcome</c> (<c>delivered</c>/<c>failed</c>).</summary>
    public static readonly Histogram<double> SinkDuration = Meter.CreateHistogram<double>(
        "gateway.sink.duration", "s", "Time one delivery to a sink took, retries included.");

    /// <summary>Seconds elapsed since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
