using System.Diagnostics;
using System.Threading.Channels;
using Gateway.Core.Converters;
using Gateway.Core.Diagnostics;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// A running route: its bounded queue of received messages, and the worker that converts each one and hands the
/// results to every sink's queue. The queue's room is reserved by inputs before they queue, so a message with
/// several routes goes into all of them or none.
/// </summary>
#pragma warning disable CA1001 // _room needs no disposal (no wait handle is ever asked for), and inputs may still touch it while the engine stops.
internal sealed class RouteRuntime
#pragma warning restore CA1001
{
    private readonly Channel<(Message Message, DeliveryTracker Tracker)> _queue = Channel.CreateUnbounded<(Message, DeliveryTracker)>(); // not SingleReader: that one cannot count its items
    private readonly SemaphoreSlim _room;
    private readonly RouteDefinition _definition;
    private readonly DeadLetterRouter _deadLetters;
    private readonly EndpointCounters _counters;
    private readonly RecentFailures _failures;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _routeTag;
    private Task _workers = Task.CompletedTask;
    private Task? _routeWorker;

    public RouteRuntime(RouteDefinition definition, IReadOnlyList<SinkChannel> sinks, DeadLetterRouter deadLetters, EndpointCounters counters, RecentFailures failures, ILogger logger)
    {
        _definition = definition;
        _failures = failures;
        _routeTag = new("route", definition.Id);
        Sinks = sinks;
        _deadLetters = deadLetters;
        _counters = counters;
        _logger = logger;
        _room = new SemaphoreSlim(definition.QueueCapacity, definition.QueueCapacity);
    }

    public string Id => _definition.Id;

    public RouteDefinition Definition => _definition;

    public IReadOnlyList<SinkChannel> Sinks { get; }

    public int Depth => _queue.Reader.Count;

    public bool TryReserve() => _room.Wait(0);

    public Task ReserveAsync(CancellationToken cancellationToken) => _room.WaitAsync(cancellationToken);

    public void Unreserve() => _room.Release();

    /// <summary>Queues a message whose room was reserved; false when the route no longer takes messages (stopping).</summary>
    public bool Enqueue(Message message, DeliveryTracker tracker) => _queue.Writer.TryWrite((message, tracker));

    /// <summary>Starts the route's worker and one worker per sink; <paramref name="stopping"/> fires when the drain time is over.</summary>
    public void Start(CancellationToken stopping)
    {
        _routeWorker = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        _workers = Task.WhenAll(Sinks.Select(s => Task.Run(() => s.RunAsync(stopping), CancellationToken.None)));
    }

    /// <summary>Takes no more messages and returns once everything queued was delivered or dead-lettered.</summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        if (_routeWorker is not null)
        {
            await _routeWorker.ConfigureAwait(false);
        }

        foreach (var sink in Sinks)
        {
            sink.Complete();
        }

        await _workers.ConfigureAwait(false);
    }

    /// <summary>Converts and fans out until the queue is completed and empty.</summary>
    private async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var (message, tracker) in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _room.Release();
            await ProcessAsync(message, tracker, stopping).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(Message message, DeliveryTracker tracker, CancellationToken stopping)
    {
        _counters.OnReceived(message.Body.Length);
        IReadOnlyList<Message> outputs;
        long records;
        var started = Stopwatch.GetTimestamp();
        try
        {
            outputs = _definition.Pipeline.Run(message, out records);
            GatewayInstruments.ConversionDuration.Record(GatewayInstruments.SecondsSince(started), _routeTag);
        }
        catch (Exception ex) when (ex is FormatReadException or ConverterException)
        {
            await RejectAsync(message, tracker, ex, SinkDelivery.Describe(ex), stopping).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RoutingLog.ConverterBug(_logger, ex, Id, message.Id);
            await RejectAsync(message, tracker, ex, $"internal error in a converter: {ex.Message}", stopping).ConfigureAwait(false);
            return;
        }

        _counters.OnConverted();
        tracker.Accept(records, outputs.Count * Sinks.Count);
        foreach (var output in outputs)
        {
            foreach (var sink in Sinks)
            {
                await sink.EnqueueAsync(output, tracker).ConfigureAwait(false);
            }
        }
    }

    private async Task RejectAsync(Message message, DeliveryTracker tracker, Exception error, string description, CancellationToken stopping)
    {
        _counters.OnFailed();
        var failure = new DeliveryFailure(Id, null, "convert", description, null);
        var deadLetter = await _deadLetters.WriteAsync(message, failure, stopping).ConfigureAwait(false);
        if (deadLetter is not null)
        {
            _counters.OnDeadLettered();
        }

        RoutingLog.ConversionFailed(_logger, Id, message.Id, message.InputId, RoutingLog.NoSink, deadLetter, description);
        _failures.Record(new FailureRecord(DateTimeOffset.UtcNow, message.Id, Id, message.InputId, null, failure.Stage, description, deadLetter));
        tracker.Reject(error, failure with { DeadLetter = deadLetter });
    }
}
