using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// Runs the <see cref="RouteTable"/>: creates every sink, route and input, starts the workers, then the inputs.
/// Stopping reverses that: inputs stop taking messages, route and sink queues drain for up to
/// <see cref="DrainTimeout"/>, and what is still queued after it goes to the dead letters, so nothing is lost.
/// </summary>
public sealed class GatewayEngine : IHostedService, IAsyncDisposable
{
    private readonly FormatRegistry _formats;
    private readonly DeadLetterFolder _folder;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, IMessageInput> _inputs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IMessageSink> _sinks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RouteRuntime> _routes = [];
    private readonly List<Task> _routeWorkers = [];
    private readonly List<Task> _sinkWorkers = [];
    private readonly Lock _stopLock = new();
    private Task? _stop;
    private int _disposed;

    public GatewayEngine(RouteTable table, GatewayCounters counters, RecentFailures failures, DeadLetterFolder folder, FormatRegistry formats, IServiceProvider services, ILoggerFactory loggers)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        Failures = failures ?? throw new ArgumentNullException(nameof(failures));
        _folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger("Gateway.Routing");
    }

    public RouteTable Table { get; }

    public GatewayCounters Counters { get; }

    /// <summary>The last failed messages, newest first.</summary>
    public RecentFailures Failures { get; }

    /// <summary>How long stopping waits for queued messages to be delivered before dead-lettering them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The running input with this id (for hosts that map HTTP inputs to endpoints).</summary>
    public bool TryGetInput(string id, [NotNullWhen(true)] out IMessageInput? input) => _inputs.TryGetValue(id, out input);

    /// <summary>How many messages wait in each route's queue and in each route's sink queues, by route id and sink id.</summary>
    public IReadOnlyList<(string Route, string? Sink, int Depth)> QueueDepths()
        => [.. _routes.SelectMany(r => r.Sinks.Select(s => (r.Id, (string?)s.SinkId, s.Depth)).Prepend((r.Id, null, r.Depth)))];

    /// <summary>Every running input and sink with its state; components that do not report one are <see cref="ComponentState.Up"/>.</summary>
    public IReadOnlyList<ComponentStatus> Components()
    {
        var result = new List<ComponentStatus>(_inputs.Count + _sinks.Count);
        foreach (var (id, input) in _inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("input", id, Table.Inputs[id].Type, input));
        }

        foreach (var (id, sink) in _sinks.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("sink", id, Table.Sinks[id].Type, sink));
        }

        return result;

        ComponentStatus Status(string kind, string id, string type, object component)
        {
            var health = component is IHealthReporter reporter ? reporter.Health
                : kind == "sink" ? SinkHealth(Counters.Get(EndpointKind.Sink, id))
                : ComponentHealth.Up();
            return new ComponentStatus(kind, id, type, _stop is null ? health.State : ComponentState.Down, _stop is null ? health.Detail : "stopped");
        }
    }

    /// <summary>A sink that does not report its own health is reachable unless its last attempt failed.</summary>
    private static ComponentHealth SinkHealth(EndpointCounters counters)
        => counters.LastError is { } error ? ComponentHealth.Down($"last attempt failed: {error}")
            : ComponentHealth.Up(counters.Attempted ? null : "no delivery yet");

    /// <summary>
    /// Sends a dead-lettered message again: through route <paramref name="routeId"/>'s converters and every sink when
    /// <paramref name="sinkId"/> is null (it failed conversion), or straight to that sink of that route (it failed
    /// there; its body is then canonical JSON). Waits for room like an input; the receipt tells how it went.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The route, or the sink in that route, is not (or no longer) configured.</exception>
    public async ValueTask<MessageReceipt> RedriveAsync(string routeId, string? sinkId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_stop is not null, this);
        var route = _routes.Find(r => string.Equals(r.Id, routeId, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"route '{routeId}' is not configured");
        var tracker = new DeliveryTracker(message, 1);
        if (sinkId is null)
        {
            await route.ReserveAsync(cancellationToken).ConfigureAwait(false);
            if (!route.Enqueue(message, tracker))
            {
                throw new InvalidOperationException("The gateway is stopping and takes no more messages.");
            }

            return tracker.Receipt;
        }

        var sink = route.Sinks.FirstOrDefault(s => string.Equals(s.SinkId, sinkId, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"route '{routeId}' has no sink '{sinkId}'");
        tracker.Accept(1, 1);
        await sink.EnqueueAsync(message, tracker).ConfigureAwait(false);
        return tracker.Receipt;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var sink in Table.Sinks.Values)
        {
            var logger = _loggers.CreateLogger($"Gateway.Sinks.{sink.Type}");
            _sinks[sink.Id] = sink.Registration.Create(sink.Options, new SinkContext(sink.Id, sink.Path, sink.Format.Name, sink.FormatOptions, _services, logger));
        }

        foreach (var route in Table.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            _routes.Add(CreateRoute(route));
        }

        foreach (var input in Table.Inputs.Values)
        {
            var routes = _routes.Where(r => string.Equals(Table.Routes[r.Id].Input, input.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            var dispatcher = new InputDispatcher(routes, Counters.Get(EndpointKind.Input, input.Id));
            var logger = _loggers.CreateLogger($"Gateway.Inputs.{input.Type}");
            _inputs[input.Id] = input.Registration.Create(input.Options, new InputContext(input.Id, input.Path, input.Format, input.FormatOptions, dispatcher, _services, logger));
        }

        foreach (var route in _routes)
        {
            _routeWorkers.Add(Task.Run(() => route.RunAsync(_stopping.Token), CancellationToken.None));
            foreach (var sink in route.Sinks)
            {
                _sinkWorkers.Add(Task.Run(() => sink.RunAsync(_stopping.Token), CancellationToken.None));
            }
        }

        foreach (var input in _inputs.Values)
        {
            await input.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        RoutingLog.Started(_logger, _inputs.Count, _routes.Count, _sinks.Count, _folder.Folder);
    }

    /// <summary>Stops once: the host and disposal may both call it, even at the same time; every caller waits for the same stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var input in _inputs.Values)
        {
            await input.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        using var hostGaveUp = cancellationToken.Register(_stopping.Cancel);
        _stopping.CancelAfter(DrainTimeout);
        foreach (var route in _routes)
        {
            route.Complete();
        }

        await Task.WhenAll(_routeWorkers).ConfigureAwait(false);
        foreach (var sink in _routes.SelectMany(r => r.Sinks))
        {
            sink.Complete();
        }

        await Task.WhenAll(_sinkWorkers).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // The container may dispose the engine twice (as itself and as the hosted service).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var input in _inputs.Values)
        {
            await input.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var sink in _sinks.Values)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private RouteRuntime CreateRoute(RouteDefinition route)
    {
        var logger = _loggers.CreateLogger($"Gateway.Routes.{route.Id}");
        var deadLetterSink = route.DeadLetter is { } id ? Delivery(route.Id, id, logger) : null;
        var deadLetters = new DeadLetterRouter(route.Id, deadLetterSink, _folder, logger);
        var sinks = route.Sinks
            .Select(id => new SinkChannel(route.Id, Delivery(route.Id, id, logger), Table.Sinks[id].Settings.QueueCapacity, deadLetters, Failures, logger))
            .ToList();
        return new RouteRuntime(route, sinks, deadLetters, Counters.Get(EndpointKind.Route, route.Id), Failures, logger);
    }

    private SinkDelivery Delivery(string routeId, string sinkId, ILogger logger)
    {
        var definition = Table.Sinks[sinkId];
        return new SinkDelivery(routeId, definition, _sinks[definition.Id], _formats, Counters.Get(EndpointKind.Sink, definition.Id), logger);
    }
}
