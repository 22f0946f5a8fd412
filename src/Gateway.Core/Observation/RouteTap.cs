using System.Diagnostics;
using System.Text;
using Gateway.Core.Converters;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.Observation;

/// <summary>
/// The live tail of one route while somebody watches it: samples at most <see cref="TailLimits.MaxPerSecond"/>
/// received messages a second and follows each through the converter steps and the sinks' encoders, handing copies
/// (bodies cut at <see cref="TailLimits.MaxBodyBytes"/>) to every watcher's small channel. Messages that are not
/// sampled cost a clock read while the route is watched, and nothing when it is not (<see cref="MessageTaps.For"/>).
/// </summary>
public sealed class RouteTap
{
    /// <summary>The most messages one stage of one sample shows (a Split step may make thousands).</summary>
    private const int MaxPerStage = 3;

    private const int MaxMetadata = 32;

    private readonly Lock _lock = new();
    private readonly Guid[] _sampled = new Guid[16]; // the last sampled ids: their encodings are shown too
    private readonly TailLimits _limits;
    private volatile TailSubscription[] _watchers = [];
    private int _nextSampled;
    private long _window = -1;
    private int _inWindow;

    internal RouteTap(string routeId, TailLimits limits)
    {
        RouteId = routeId;
        _limits = limits;
    }

    public string RouteId { get; }

    internal int Watchers => _watchers.Length;

    internal void Add(TailSubscription watcher) => _watchers = [.. _watchers, watcher];

    internal void Remove(TailSubscription watcher) => _watchers = [.. _watchers.Where(w => !ReferenceEquals(w, watcher))];

    /// <summary>Runs <paramref name="pipeline"/> on <paramref name="message"/>, sampling it when the rate allows.</summary>
    internal IReadOnlyList<Message> Run(ConverterPipeline pipeline, Message message, out long records)
    {
        if (!TrySample(message.Id))
        {
            return pipeline.Run(message, out records);
        }

        Publish("received", null, null, [message], null);
        try
        {
            var outputs = pipeline.Run(message, out records, (step, name, current) => Publish("step", step, name, current, null));
            Publish("converted", null, null, outputs, null);
            return outputs;
        }
        catch (Exception ex) when (ex is FormatReadException or ConverterException)
        {
            Publish("failed", null, null, [message], ex.Message);
            throw;
        }
    }

    /// <summary>Shows how a sampled message was encoded for <paramref name="sinkId"/>.</summary>
    internal void OnEncoded(string sinkId, OutgoingMessage outgoing)
    {
        if (IsSampled(outgoing.Canonical.Id))
        {
            Publish("encoded", null, sinkId, [outgoing.Canonical.WithBody(outgoing.Body, outgoing.Format)], null);
        }
    }

    private bool TrySample(Guid id)
    {
        var window = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        lock (_lock)
        {
            if (window != _window)
            {
                _window = window;
                _inWindow = 0;
            }

            if (_inWindow >= _limits.MaxPerSecond)
            {
                return false;
            }

            _inWindow++;
            _sampled[_nextSampled] = id;
            _nextSampled = (_nextSampled + 1) % _sampled.Length;
            return true;
        }
    }

    private bool IsSampled(Guid id)
    {
        lock (_lock)
        {
            return Array.IndexOf(_sampled, id) >= 0;
        }
    }

    private void Publish(string stage, int? step, string? name, IReadOnlyList<Message> messages, string? error)
    {
        var watchers = _watchers;
        for (var i = 0; i < Math.Min(messages.Count, MaxPerStage); i++)
        {
            var sample = Sample(stage, step, name, messages[i], error);
            foreach (var watcher in watchers)
            {
                watcher.Channel.Writer.TryWrite(sample);
            }
        }
    }

    private TailSample Sample(string stage, int? step, string? name, Message message, string? error)
    {
        var body = message.Body.Span;
        var shown = Math.Min(body.Length, _limits.MaxBodyBytes);
        var metadata = message.HasMetadata
            ? message.Metadata.Take(MaxMetadata).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>();
        return new TailSample(DateTimeOffset.UtcNow, RouteId, message.Id, stage, step, name, message.Format, body.Length,
            Encoding.UTF8.GetString(body[..shown]), shown < body.Length, metadata, error);
    }
}
