using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// Runs the <see cref="RouteTable"/>: creates every sink, route and input, starts the workers, then the inputs.
/// <see cref="ReloadAsync"/> swaps in a new table's routes and sinks while running. Stopping reverses the start:
/// inputs stop taking messages, route and sink queues drain for up to <see cref="DrainTimeout"/>, and what is still
/// queued after it goes to the dead letters, so nothing is lost.
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
    private readonly IReadOnlyDictionary<string, InputDefinition> _inputDefinitions;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly List<(RouteSet Set, IReadOnlyList<RouteRuntime> Routes, Task Drained)> _retiring = [];
    private readonly Lock _stopLock = new();
    private RouteSet _current;
    private Task? _stop;
    private int _disposed;

    public GatewayEngine(RouteTable table, GatewayCounters counters, RecentFailures failures, DeadLetterFolder folder, FormatRegistry formats, IServiceProvider services, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(table);
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        Failures = failures ?? throw new ArgumentNullException(nameof(failures));
        _folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger("Gateway.Routing");
        _inputDefinitions = table.Inputs;
        _current = new RouteSet(table, [], new Dictionary<string, IMessageSink>());
    }

    /// <summary>The route table running now (the last one a reload applied).</summary>
    public RouteTable Table => Volatile.Read(ref _current).Table;

    public GatewayCounters Counters { get; }

    /// <summary>The last failed messages, newest first.</summary>
    public RecentFailures Failures { get; }

    /// <summary>How long stopping waits for queued messages to be delivered before dead-lettering them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The running input with this id (for hosts that map HTTP inputs to endpoints).</summary>
    public bool TryGetInput(string id, [NotNullWhen(true)] out IMessageInput? input) => _inputs.TryGetValue(id, out input);

    /// <summary>
    /// How many messages wait in each route's queue and in each route's sink queues, by route id and sink id
    /// (a route that a reload replaced counts with its successor while its queue drains).
    /// </summary>
    public IReadOnlyList<(string Route, string? Sink, int Depth)> QueueDepths()
    {
        List<RouteRuntime> routes;
        lock (_retiring)
        {
            routes = [.. Volatile.Read(ref _current).Routes, .. _retiring.SelectMany(r => r.Routes)];
        }

        return [.. routes
            .SelectMany(r => r.Sinks.Select(s => (r.Id, (string?)s.SinkId, s.Depth)).Prepend((r.Id, null, r.Depth)))
            .GroupBy(q => (Route: q.Item1.ToUpperInvariant(), Sink: q.Item2?.ToUpperInvariant()))
            .Select(g => (g.First().Item1, g.First().Item2, g.Sum(q => q.Item3)))];
    }

    /// <summary>Every running input and sink with its state; components that do not report one are <see cref="ComponentState.Up"/>.</summary>
    public IReadOnlyList<ComponentStatus> Components()
    {
        var set = Volatile.Read(ref _current);
        var result = new List<ComponentStatus>(_inputs.Count + set.Sinks.Count);
        foreach (var (id, input) in _inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("input", id, _inputDefinitions[id].Type, input));
        }

        foreach (var (id, sink) in set.Sinks.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(Status("sink", id, set.Table.Sinks[id].Type, sink));
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
        var set = EnterRouteSet();
        try
        {
            var route = set.Route(routeId) ?? throw new KeyNotFoundException($"route '{routeId}' is not configured");
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
        finally
        {
            set.Exit();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var table = _current.Table;
        var sinks = new Dictionary<string, IMessageSink>(StringComparer.OrdinalIgnoreCase);
        foreach (var sink in table.Sinks.Values)
        {
            sinks[sink.Id] = CreateSink(sink);
        }

        var routes = table.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => CreateRoute(r, table, sinks)).ToList();
        _current = new RouteSet(table, routes, sinks);
        foreach (var input in table.Inputs.Values)
        {
            var dispatcher = new InputDispatcher(this, input.Id, Counters.Get(EndpointKind.Input, input.Id));
            var logger = _loggers.CreateLogger($"Gateway.Inputs.{input.Type}");
            _inputs[input.Id] = input.Registration.Create(input.Options, new InputContext(input.Id, input.Path, input.Format, input.FormatOptions, dispatcher, _services, logger));
        }

        foreach (var route in routes)
        {
            route.Start(_stopping.Token);
        }

        foreach (var input in _inputs.Values)
        {
            await input.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        RoutingLog.Started(_logger, _inputs.Count, routes.Count, sinks.Count, _folder.Folder);
    }

    /// <summary>
    /// Applies <paramref name="next"/> the way YARP applies a new configuration: builds its sinks and routes (an
    /// unchanged route or sink keeps running as it is), then swaps them in at once; a route that was replaced or
    /// removed stops taking messages and drains its queues in the background, and a sink no route uses any more is
    /// disposed once drained. Inputs are listeners: a change to one is not applied, only listed in
    /// <see cref="ReloadResult.RestartNeeded"/>. When a new sink cannot be created, nothing changes and the
    /// exception is thrown.
    /// </summary>
    public async Task<ReloadResult> ReloadAsync(RouteTable next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stop is not null, this);
            var current = _current;
            var old = current.Table;
            var sinks = new Dictionary<string, IMessageSink>(StringComparer.OrdinalIgnoreCase);
            var created = new List<IMessageSink>();
            try
            {
                foreach (var sink in next.Sinks.Values)
                {
                    if (old.Sinks.TryGetValue(sink.Id, out var before) && Same(before.Fingerprint, sink.Fingerprint))
                    {
                        sinks[sink.Id] = current.Sinks[sink.Id];
                    }
                    else
                    {
                        created.Add(sinks[sink.Id] = CreateSink(sink));
                    }
                }
            }
            catch
            {
                foreach (var sink in created)
                {
                    await DisposeQuietlyAsync(sink).ConfigureAwait(false);
                }

                throw;
            }

            var routes = new List<RouteRuntime>(next.Routes.Count);
            var started = new List<RouteRuntime>();
            foreach (var definition in next.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                var running = current.Route(definition.Id);
                if (running is not null && Same(running.Definition.Fingerprint, definition.Fingerprint) && SinksKept(running.Definition, sinks, current))
                {
                    routes.Add(running);
                }
                else
                {
                    var route = CreateRoute(definition, next, sinks);
                    routes.Add(route);
                    started.Add(route);
                }
            }

            foreach (var route in started)
            {
                route.Start(_stopping.Token);
            }

            var set = new RouteSet(next, routes, sinks);
            Volatile.Write(ref _current, set);
            var retired = current.Routes.Where(r => !routes.Contains(r)).ToList();
            var unused = current.Sinks.Values.Where(s => !sinks.ContainsValue(s)).ToList();
            lock (_retiring)
            {
                _retiring.Add((current, retired, RetireAsync(current, retired, unused)));
            }

            var result = new ReloadResult(
                Ids(next.Routes.Keys.Where(id => !old.Routes.ContainsKey(id))),
                Ids(started.Select(r => r.Id).Where(old.Routes.ContainsKey)),
                Ids(old.Routes.Keys.Where(id => !next.Routes.ContainsKey(id))),
                Ids(next.Sinks.Keys.Where(id => !old.Sinks.ContainsKey(id))),
                Ids(next.Sinks.Keys.Where(id => old.Sinks.ContainsKey(id) && created.Contains(sinks[id]))),
                Ids(old.Sinks.Keys.Where(id => !next.Sinks.ContainsKey(id))),
                InputChanges(next));
            RoutingLog.Reloaded(_logger, result);
            foreach (var change in result.RestartNeeded)
            {
                RoutingLog.RestartNeeded(_logger, change);
            }

            return result;
        }
        finally
        {
            _reloadLock.Release();
        }

        static bool SinksKept(RouteDefinition route, Dictionary<string, IMessageSink> sinks, RouteSet current)
            => route.Sinks.Append(route.DeadLetter).OfType<string>()
                .All(id => sinks.TryGetValue(id, out var sink) && current.Sinks.TryGetValue(id, out var running) && ReferenceEquals(sink, running));

        static string[] Ids(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>Enters the current route set; the caller must <see cref="RouteSet.Exit"/> it.</summary>
    /// <exception cref="InvalidOperationException">The engine is stopping.</exception>
    internal RouteSet EnterRouteSet()
    {
        while (true)
        {
            var set = Volatile.Read(ref _current);
            if (set.TryEnter())
            {
                return set;
            }

            if (ReferenceEquals(set, Volatile.Read(ref _current)))
            {
                throw new InvalidOperationException("The gateway is stopping and takes no more messages.");
            }
        }
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

        // A reload that already began finishes first; later ones see _stop and refuse.
        await _reloadLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _reloadLock.Release();
        using var hostGaveUp = cancellationToken.Register(_stopping.Cancel);
        _stopping.CancelAfter(DrainTimeout);
        var current = _current;
        await current.CloseAsync().ConfigureAwait(false);
        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring.Select(r => r.Drained)];
        }

        await Task.WhenAll(current.Routes.Select(r => r.DrainAsync()).Concat(retiring)).ConfigureAwait(false);
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

        foreach (var sink in _current.Sinks.Values)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Waits for the replaced routes' callers to leave, drains the routes, then disposes the sinks nothing uses any more.</summary>
    private async Task RetireAsync(RouteSet set, List<RouteRuntime> routes, List<IMessageSink> sinks)
    {
        // Never complete synchronously: the caller adds this task to _retiring under the same (reentrant) lock that
        // the end of this method takes to remove it.
        await Task.Yield();
        await set.CloseAsync().ConfigureAwait(false);
        await Task.WhenAll(routes.Select(r => r.DrainAsync())).ConfigureAwait(false);
        foreach (var sink in sinks)
        {
            await DisposeQuietlyAsync(sink).ConfigureAwait(false);
        }

        lock (_retiring)
        {
            _retiring.RemoveAll(r => ReferenceEquals(r.Set, set));
        }
    }

    private async ValueTask DisposeQuietlyAsync(IMessageSink sink)
    {
        try
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RoutingLog.SinkDisposeFailed(_logger, ex);
        }
    }

    /// <summary>Every input the new table adds, removes or changes: each needs a restart.</summary>
    private string[] InputChanges(RouteTable next)
    {
        var changes = new List<string>();
        foreach (var input in next.Inputs.Values.OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            if (!_inputDefinitions.TryGetValue(input.Id, out var running))
            {
                changes.Add($"{input.Path}: input '{input.Id}' is new; it starts listening after a restart (its routes are ready).");
            }
            else if (!Same(running.Fingerprint, input.Fingerprint))
            {
                changes.Add($"{input.Path}: input '{input.Id}' changed; the change applies after a restart (it runs as before until then).");
            }
        }

        foreach (var input in _inputDefinitions.Values.Where(i => !next.Inputs.ContainsKey(i.Id)).OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            changes.Add($"{input.Path}: input '{input.Id}' was removed; it keeps listening until a restart"
                + (next.RoutesOf(input.Id).Count == 0 ? " and refuses messages, since no route reads it." : "."));
        }

        return [.. changes];
    }

    /// <summary>Two fingerprints of the same settings; an empty one (a table not built from configuration) never matches.</summary>
    private static bool Same(string before, string after) => before.Length > 0 && string.Equals(before, after, StringComparison.Ordinal);

    private IMessageSink CreateSink(SinkDefinition sink)
    {
        var logger = _loggers.CreateLogger($"Gateway.Sinks.{sink.Type}");
        return sink.Registration.Create(sink.Options, new SinkContext(sink.Id, sink.Path, sink.Format.Name, sink.FormatOptions, _services, logger));
    }

    private RouteRuntime CreateRoute(RouteDefinition route, RouteTable table, Dictionary<string, IMessageSink> sinks)
    {
        var logger = _loggers.CreateLogger($"Gateway.Routes.{route.Id}");
        var deadLetterSink = route.DeadLetter is { } id ? Delivery(id) : null;
        var deadLetters = new DeadLetterRouter(route.Id, deadLetterSink, _folder, logger);
        var channels = route.Sinks
            .Select(id => new SinkChannel(route.Id, Delivery(id), table.Sinks[id].Settings.QueueCapacity, deadLetters, Failures, logger))
            .ToList();
        return new RouteRuntime(route, channels, deadLetters, Counters.Get(EndpointKind.Route, route.Id), Failures, logger);

        SinkDelivery Delivery(string sinkId)
        {
            var definition = table.Sinks[sinkId];
            return new SinkDelivery(route.Id, definition, sinks[definition.Id], _formats, Counters.Get(EndpointKind.Sink, definition.Id), logger);
        }
    }
}
