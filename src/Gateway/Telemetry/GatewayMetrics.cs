using System.Diagnostics.Metrics;
using Gateway.Core.Diagnostics;
using Gateway.Core.Engine;
using Gateway.Core.Routing;
using Gateway.Hosting;

namespace Gateway.Telemetry;

/// <summary>
/// The engine's counters and queue depths as observable instruments on this host's own <see cref="Meter"/> named
/// <see cref="GatewayInstruments.Name"/> (from <see cref="IMeterFactory"/>, so hosts sharing a process do not see each
/// other's). Nothing is recorded on the message path: every collection reads <see cref="GatewayEngine.Counters"/> and
/// <see cref="EngineQueues.QueueDepths"/> as they are then, so inputs, routes and sinks added by a reload appear.
/// A hosted service registered after the engine, so the instruments exist from the start.
/// </summary>
internal sealed class GatewayMetrics : IHostedService
{
    private const string Messages = "{message}";
    private const string Bytes = "By";

    private readonly GatewayEngine _engine;

    public GatewayMetrics(IMeterFactory meterFactory, GatewayEngine engine, ConfigurationReloadStatus reloads)
    {
        ArgumentNullException.ThrowIfNull(reloads);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        var meter = meterFactory.Create(GatewayInstruments.Name);

        Counter(meter, "gateway.input.received.messages", Messages, "Messages an input received.", EndpointKind.Input, c => c.Received);
        Counter(meter, "gateway.input.received.bytes", Bytes, "Body bytes an input received.", EndpointKind.Input, c => c.Bytes);

        Counter(meter, "gateway.route.received.messages", Messages, "Messages a route took from its input.", EndpointKind.Route, c => c.Received);
        Counter(meter, "gateway.route.received.bytes", Bytes, "Body bytes a route took from its input.", EndpointKind.Route, c => c.Bytes);
        Counter(meter, "gateway.route.converted.messages", Messages, "Messages a route's converters turned into canonical records.", EndpointKind.Route, c => c.Converted);
        Counter(meter, "gateway.route.failed.messages", Messages, "Messages that failed a route's conversion.", EndpointKind.Route, c => c.Failed);
        Counter(meter, "gateway.route.dead_lettered.messages", Messages, "Messages that failed conversion and were dead-lettered.", EndpointKind.Route, c => c.DeadLettered);

        Counter(meter, "gateway.sink.delivered.messages", Messages, "Messages a sink acknowledged.", EndpointKind.Sink, c => c.Delivered);
        Counter(meter, "gateway.sink.delivered.bytes", Bytes, "Body bytes a sink acknowledged (in the sink's format).", EndpointKind.Sink, c => c.Bytes);
        Counter(meter, "gateway.sink.retries", "{retry}", "Send attempts to a sink that were retried after a transient failure.", EndpointKind.Sink, c => c.Retried);
        Counter(meter, "gateway.sink.failed.messages", Messages, "Messages a sink failed for good (retries exhausted or refused).", EndpointKind.Sink, c => c.Failed);
        Counter(
            meter,
            "gateway.sink.dead_lettered.messages",
            Messages,
            "Messages that failed at a sink and were dead-lettered; for a route's DeadLetter sink, the dead letters it took.",
            EndpointKind.Sink,
            c => c.DeadLettered);

        meter.CreateObservableCounter(
            "gateway.config.reloads",
            () => new[]
            {
                new Measurement<long>(reloads.Applied, new KeyValuePair<string, object?>("outcome", "applied")),
                new Measurement<long>(reloads.Rejected, new KeyValuePair<string, object?>("outcome", "rejected")),
            },
            "{reload}",
            "Configuration reloads, applied or rejected (invalid: the running configuration stayed).");
        var buffer = engine.Buffer;
        meter.CreateObservableCounter("gateway.buffer.commits", () => buffer.Commits, "{commit}", "Commits of the buffer (each one fsync for everything appended since the last).");
        meter.CreateObservableCounter("gateway.buffer.committed.messages", () => buffer.CommittedMessages, Messages, "Messages the buffer committed (divided by commits: messages per fsync).");
        meter.CreateObservableGauge("gateway.buffer.used", () => buffer.UsedBytes, Bytes, "Bytes of messages the buffer holds for sinks that have not taken them.");
        meter.CreateObservableGauge("gateway.buffer.limit", () => buffer.MaxBytes, Bytes, "Gateway:Buffer:MaxBytes: when used reaches it, inputs push back.");
        meter.CreateObservableGauge("gateway.route.queue.depth", RouteQueues, Messages, "Messages in a route's log that some sink has not acknowledged yet.");
        meter.CreateObservableGauge("gateway.sink.queue.depth", SinkQueues, Messages, "Messages in a route's log that one of its sinks has not acknowledged yet.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The label naming what a counter of <paramref name="kind"/> belongs to: <c>input</c>, <c>route</c> or <c>sink</c>.</summary>
    private static string LabelOf(EndpointKind kind) => kind switch
    {
        EndpointKind.Input => "input",
        EndpointKind.Route => "route",
        _ => "sink",
    };

    private void Counter(Meter meter, string name, string unit, string description, EndpointKind kind, Func<EndpointCounters, long> read)
    {
        var label = LabelOf(kind);
        meter.CreateObservableCounter(name, () => Observe(kind, label, read), unit, description);
    }

    private List<Measurement<long>> Observe(EndpointKind kind, string label, Func<EndpointCounters, long> read)
    {
        var all = _engine.Counters.All;
        var result = new List<Measurement<long>>(all.Count);
        foreach (var counters in all)
        {
            if (counters.Kind == kind)
            {
                result.Add(new Measurement<long>(read(counters), new KeyValuePair<string, object?>(label, counters.Id)));
            }
        }

        return result;
    }

    private List<Measurement<long>> RouteQueues()
        => [.. _engine.QueueDepths().Where(q => q.Sink is null).Select(q => new Measurement<long>(q.Depth, new KeyValuePair<string, object?>("route", q.Route)))];

    private List<Measurement<long>> SinkQueues()
        => [.. _engine.QueueDepths().Where(q => q.Sink is not null).Select(q => new Measurement<long>(
            q.Depth, new KeyValuePair<string, object?>("route", q.Route), new KeyValuePair<string, object?>("sink", q.Sink)))];
}
