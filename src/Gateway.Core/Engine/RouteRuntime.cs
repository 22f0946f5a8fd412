using System.Diagnostics;
using Gateway.Core.Converters;
using Gateway.Core.Delivery;
using Gateway.Core.Diagnostics;
using Gateway.Core.Formats;
using Gateway.Core.Log;
using Gateway.Core.Messages;
using Gateway.Core.Observation;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Engine;

/// <summary>
/// A running route: its converters (run by the input's dispatcher, before the message is stored, so a refusal can
/// be answered to the sender and nothing is converted twice), its log, and one reader per sink.
/// </summary>
#pragma warning disable CA1001 // _stop has no wait handle to free, and readers may still observe its token while the engine stops.
internal sealed class RouteRuntime(RouteDefinition definition, RouteLog log, IReadOnlyList<SinkReader> readers, EndpointCounters counters, ILogger logger)
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _stop = new();
    private readonly KeyValuePair<string, object?> _routeTag = new("route", definition.Id);
    private Task _running = Task.CompletedTask;
    private bool _started;
    private int _droppedAllLogged;

    public string Id => Definition.Id;

    public RouteDefinition Definition { get; } = definition;

    public RouteLog Log { get; } = log;

    public IReadOnlyList<SinkReader> Readers { get; } = readers;

    public EndpointCounters Counters { get; } = counters;

    /// <summary>The live tails (null in tests that build a route by hand).</summary>
    public MessageTaps? Taps { get; init; }

    /// <summary>Messages in the route's log that some sink has not done.</summary>
    public long Depth => Log.Messages;

    /// <summary>
    /// Runs the converters: the canonical messages to store, and the records the body held. A conversion refusal
    /// throws (<see cref="FormatReadException"/>, <see cref="ConverterException"/>) when <paramref name="refuse"/>;
    /// otherwise it becomes one entry to dead-letter.
    /// </summary>
    public List<LogEntry> Convert(Message message, bool refuse, out long records)
    {
        var entries = new List<LogEntry>(1);
        Convert(message, refuse, entries, out records);
        return entries;
    }

    /// <summary>
    /// Like <see cref="Convert(Message, bool, out long)"/>, adding the entries to <paramref name="entries"/>; returns
    /// the sink deliveries they make (a conversion failure is one: its dead letter).
    /// </summary>
    public int Convert(Message message, bool refuse, List<LogEntry> entries, out long records)
    {
        Counters.OnReceived(message.Body.Length);
        var started = Stopwatch.GetTimestamp();
        string error;
        try
        {
            var outputs = Taps?.For(Id) is { } tap ? tap.Run(Definition.Pipeline, message, out records) : Definition.Pipeline.Run(message, out records);
            GatewayInstruments.ConversionDuration.Record(GatewayInstruments.SecondsSince(started), _routeTag);
            if (records > 1 && ConverterPipeline.KeptNothing(outputs) && Interlocked.Exchange(ref _droppedAllLogged, 1) == 0)
            {
                // Once per route: dropping a single-record message is what filters are for, dropping all of many is
                // usually a mistake, but a route that is meant to drop must not fill the log.
                DeliveryLog.DroppedAll(logger, Id, message.Id, records, ConverterPipeline.DroppedAllHint);
            }

            Counters.OnConverted();
            foreach (var output in outputs)
            {
                entries.Add(new LogEntry(output, null));
            }

            return outputs.Count * Readers.Count;
        }
        catch (Exception ex) when (ex is FormatReadException or ConverterException)
        {
            if (refuse)
            {
                Counters.OnFailed();
                throw;
            }

            error = SinkSender.Describe(ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DeliveryLog.ConverterBug(logger, ex, Id, message.Id);
            error = $"internal error in a converter: {ex.Message}";
            if (refuse)
            {
                Counters.OnFailed();
                throw new ConverterException(error, ex);
            }
        }

        records = 0;
        entries.Add(new LogEntry(message, error));
        return 1;
    }

    /// <summary>How many sink deliveries <paramref name="entries"/> make (a conversion failure is one: its dead letter).</summary>
    public int Deliveries(List<LogEntry> entries) => entries.Count == 1 && entries[0].ConversionError is not null ? 1 : entries.Count * Readers.Count;

    public void Start()
    {
        foreach (var reader in Readers)
        {
            reader.Attach();
        }

        _running = Task.WhenAll(Readers.Select(r => Task.Run(() => r.RunAsync(_stop.Token), CancellationToken.None)));
        Volatile.Write(ref _started, true);
    }

    /// <summary>Stops the readers where they are (their cursors stay); a reload or a restart continues from there.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every sink did every message committed so far, or <paramref name="cancellationToken"/> fires; at
    /// once when the readers never ran (the gateway failed to start): nothing would read, what is there stays.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _started) && !cancellationToken.IsCancellationRequested && Readers.Any(r => r.Unread > 0 && !r.Paused))
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
