using System.Diagnostics.CodeAnalysis;
using Gateway.Core.DeadLetters;
using Gateway.Core.Delivery;
using Gateway.Core.Log;
using Gateway.Core.Messages;
using Gateway.Core.Observation;
using Gateway.Core.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Engine;

/// <summary>
/// Runs the <see cref="RouteTable"/> in two steps, so that every port of the process is bound before anything
/// connects out. <see cref="StartAsync"/> opens the buffer (recovering what a previous run left), creates every sink,
/// route and input, and starts the inputs that listen on a port (<see cref="IMessageInput.Listens"/>); the host then
/// binds its other listeners (the web server). <see cref="StartedAsync"/>, once all of them are bound, starts the
/// sinks' readers (sinks connect on their first send) and the other inputs (broker clients, folders). A process that
/// cannot bind a port thus stops before it took over a broker session or a consumer of an instance already running.
/// <see cref="ReloadAsync"/> swaps in a new table's routes and
/// sinks while running. Stopping reverses the start: inputs stop taking messages, sinks get up to
/// <see cref="DrainTimeout"/> to catch up with their logs, and what they have not done stays in the buffer for the
/// next start (a memory buffer dead-letters it instead).
/// </summary>
public sealed class GatewayEngine : IHostedLifecycleService, IAsyncDisposable
{
    private readonly GatewayBuffer _buffer;
    private readonly RouteFactory _factory;
    private readonly ILogger _logger;
    private readonly DeadLetterFolder _folder;
    private readonly ILoggerFactory _loggers;
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, IMessageInput> _inputs = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, InputDefinition> _inputDefinitions;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private readonly List<(RouteSet Set, IReadOnlyList<RouteRuntime> Routes, Task Retired)> _retiring = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopLock = new();
    private RouteSet _current;
    private Task? _stop;
    private bool _started;
    private int _disposed;

    public GatewayEngine(RouteTable table, GatewayCounters counters, RecentFailures failures, DeadLetterFolder folder, GatewayBuffer buffer, IServiceProvider services, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(table);
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        Failures = failures ?? throw new ArgumentNullException(nameof(failures));
        _folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _buffer = buffer ?? throw new ArgumentNullException(nameof(buffer));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _factory = new RouteFactory(buffer, counters, failures, folder, services, loggers, Pauses, Taps);
        _logger = loggers.CreateLogger("Gateway.Routing");
        _inputDefinitions = table.Inputs;
        _current = new RouteSet(table, [], new Dictionary<string, IMessageSink>());
    }

    /// <summary>The route table running now (the last one a reload applied).</summary>
    public RouteTable Table => Volatile.Read(ref _current).Table;

    public GatewayCounters Counters { get; }

    /// <summary>The sinks an admin paused (their messages wait in the route logs).</summary>
    public SinkPauses Pauses { get; } = new();

    /// <summary>The live tails being watched.</summary>
    public MessageTaps Taps { get; } = new();

    /// <summary>The last failed messages, newest first.</summary>
    public RecentFailures Failures { get; }

    /// <summary>The durable log every route writes to.</summary>
    public GatewayBuffer Buffer => _buffer;

    /// <summary>How long stopping waits for the sinks to catch up with their logs.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The running input with this id (for hosts that map HTTP inputs to endpoints).</summary>
    public bool TryGetInput(string id, [NotNullWhen(true)] out IMessageInput? input) => _inputs.TryGetValue(id, out input);

    /// <summary>The running inputs by id, and their definitions.</summary>
    internal IReadOnlyDictionary<string, IMessageInput> Inputs => _inputs;

    internal IReadOnlyDictionary<string, InputDefinition> InputDefinitions => _inputDefinitions;

    /// <summary>True once stopping began.</summary>
    internal bool IsStopped => _stop is not null;

    /// <summary>The running sink instances by id.</summary>
    public IReadOnlyDictionary<string, IMessageSink> Sinks => Volatile.Read(ref _current).Sinks;

    internal IReadOnlyList<RouteRuntime> Routes()
    {
        lock (_retiring)
        {
            return [.. Volatile.Read(ref _current).Routes, .. _retiring.SelectMany(r => r.Routes)];
        }
    }

    /// <summary>
    /// Sends a dead-lettered message again: through route <paramref name="routeId"/>'s converters and every sink when
    /// <paramref name="sinkId"/> is null (it failed conversion), or straight to that sink of that route (it failed
    /// there; its body is then canonical JSON). A conversion failure is thrown, as to an HTTP input; a full buffer is
    /// an <see cref="InvalidOperationException"/>. The receipt tracks delivery.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The route, or the sink in that route, is not (or no longer) configured.</exception>
    public async ValueTask<MessageReceipt> RedriveAsync(string routeId, string? sinkId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var set = EnterRouteSet();
        List<LogEntry> entries;
        RouteRuntime route;
        long records = 0;
        try
        {
            route = set.Route(routeId) ?? throw new KeyNotFoundException($"route '{routeId}' is not configured");
            if (sinkId is null)
            {
                entries = route.Convert(message, refuse: true, out records);
            }
            else
            {
                var reader = route.Readers.FirstOrDefault(r => string.Equals(r.SinkId, sinkId, StringComparison.OrdinalIgnoreCase))
                    ?? throw new KeyNotFoundException($"route '{routeId}' has no sink '{sinkId}'");
                entries = [new LogEntry(message, null, reader.SinkId)];
            }
        }
        finally
        {
            set.Exit();
        }

        var tracker = new DeliveryTracker(sinkId is null ? route.Deliveries(entries) : 1);
        var bytes = entries.Sum(e => e.Size);
        if (!_buffer.Budget.TryReserve(bytes, out var refusal))
        {
            throw new InvalidOperationException(refusal);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { Tracker = tracker };
        }

        var committed = entries.Count == 0 ? Task.CompletedTask : _buffer.Append([(route.Log, entries)]);
        await committed.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new MessageReceipt(message.Id, (int)Math.Min(records, int.MaxValue), committed, tracker.Delivered);
    }

    /// <summary>The first step: creates everything and starts the inputs that listen on a port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _buffer.Open();
        var table = _current.Table;
        var sinks = new Dictionary<string, IMessageSink>(StringComparer.OrdinalIgnoreCase);
        foreach (var sink in table.Sinks.Values)
        {
            sinks[sink.Id] = _factory.CreateSink(sink);
        }

        var routes = table.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => _factory.CreateRoute(r, table, sinks)).ToList();
        foreach (var route in routes)
        {
            RemoveStaleCursors(route);
        }

        foreach (var orphan in _buffer.Orphans(table.Routes.Keys))
        {
            BufferLog.OrphanRoute(_logger, orphan.RouteId, orphan.Messages);
        }

        _current = new RouteSet(table, routes, sinks);
        foreach (var input in table.Inputs.Values)
        {
            var dispatcher = new InputDispatcher(this, _buffer, input.Id, Counters.Get(EndpointKind.Input, input.Id));
            var logger = _loggers.CreateLogger($"Gateway.Inputs.{input.Type}");
            _inputs[input.Id] = input.Registration.Create(input.Options, new InputContext(input.Id, input.Path, input.Format, input.FormatOptions, dispatcher, _services, logger));
        }

        // What listeners take before the readers run waits in the route logs.
        foreach (var input in _inputs.Values.Where(i => i.Listens))
        {
            await input.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The second step, once the host bound every listener: starts the sinks' readers and the inputs that connect out.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        // Under the reload lock: a reload applied between the two steps left its new routes for this to start.
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stop is not null, this);
            foreach (var route in _current.Routes)
            {
                route.Start();
            }

            _started = true;
        }
        finally
        {
            _reloadLock.Release();
        }

        foreach (var input in _inputs.Values.Where(i => !i.Listens))
        {
            await input.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        EngineLog.Started(_logger, _inputs.Count, _current.Routes.Count, _current.Sinks.Count, _folder.Folder);
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Applies <paramref name="next"/> the way YARP applies a new configuration: builds its new and changed sinks and
    /// routes (an unchanged route or sink keeps running as it is), then swaps them in at once. A replaced route's
    /// readers stop where they are and the new ones continue from the same cursors; a removed route's readers finish
    /// its log in the background; a sink no route uses any more is disposed after that. Inputs are listeners: a change
    /// to one is only listed in <see cref="ReloadResult.RestartNeeded"/>. When a new sink cannot be created, nothing
    /// changes and the exception is thrown.
    /// </summary>
    public async Task<ReloadResult> ReloadAsync(RouteTable next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _reloadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stop is not null, this);
            var current = _current;
            var (sinks, created) = await CreateSinksAsync(next, current).ConfigureAwait(false);
            var routes = new List<RouteRuntime>(next.Routes.Count);
            var replaced = new List<(RouteRuntime? Old, RouteRuntime New)>();
            foreach (var definition in next.Routes.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                var running = current.Route(definition.Id);
                if (running is not null && Same(running.Definition.Fingerprint, definition.Fingerprint) && SinksKept(running.Definition, sinks, current))
                {
                    routes.Add(running);
                }
                else
                {
                    var route = _factory.CreateRoute(definition, next, sinks);
                    routes.Add(route);
                    replaced.Add((running, route));
                }
            }

            var set = new RouteSet(next, routes, sinks);
            Volatile.Write(ref _current, set);
            await current.CloseAsync().ConfigureAwait(false);

            // The same log and cursors: the old readers stop first, so no message is sent by both.
            foreach (var (before, route) in replaced)
            {
                if (before is not null)
                {
                    await before.StopAsync().ConfigureAwait(false);
                }

                RemoveStaleCursors(route);
                if (_started)
                {
                    route.Start();
                }
            }

            var removed = current.Routes.Where(r => !next.Routes.ContainsKey(r.Id)).ToList();
            var unused = current.Sinks.Values.Where(s => !sinks.ContainsValue(s)).ToList();
            lock (_retiring)
            {
                _retiring.Add((current, removed, RetireAsync(current, removed, unused)));
            }

            var old = current.Table;
            var result = new ReloadResult(
                Ids(next.Routes.Keys.Where(id => !old.Routes.ContainsKey(id))),
                Ids(replaced.Where(r => r.Old is not null).Select(r => r.New.Id)),
                Ids(old.Routes.Keys.Where(id => !next.Routes.ContainsKey(id))),
                Ids(next.Sinks.Keys.Where(id => !old.Sinks.ContainsKey(id))),
                Ids(next.Sinks.Keys.Where(id => old.Sinks.ContainsKey(id) && created.Contains(sinks[id]))),
                Ids(old.Sinks.Keys.Where(id => !next.Sinks.ContainsKey(id))),
                InputChanges(next));
            EngineLog.Reloaded(_logger, result);
            foreach (var change in result.RestartNeeded)
            {
                EngineLog.RestartNeeded(_logger, change);
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

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var input in _inputs.Values)
        {
            await input.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        // A reload that already began finishes first; later ones see _stop and refuse.
        await _reloadLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _reloadLock.Release();
        var current = _current;
        await current.CloseAsync().ConfigureAwait(false);
        using var hostGaveUp = cancellationToken.Register(_stopping.Cancel);
        _stopping.CancelAfter(DrainTimeout);
        var routes = Routes();
        await Task.WhenAll(routes.Select(r => r.DrainAsync(_stopping.Token))).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(routes.Select(r => r.StopAsync())).ConfigureAwait(false);
        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring.Select(r => r.Retired)];
        }

        await Task.WhenAll(retiring).ConfigureAwait(false);
        if (_buffer.Durability == BufferDurability.Memory)
        {
            // Nothing would send it after this process: dead-letter what the sinks did not take.
            foreach (var reader in routes.SelectMany(r => r.Readers))
            {
                await reader.DeadLetterRestAsync().ConfigureAwait(false);
            }
        }

        await _buffer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Lets a removed route's readers finish its log, stops them, then disposes the sinks nothing uses any more.</summary>
    private async Task RetireAsync(RouteSet set, List<RouteRuntime> routes, List<IMessageSink> sinks)
    {
        // Never complete synchronously: the caller adds this task to _retiring under the same (reentrant) lock that
        // the end of this method takes to remove it.
        await Task.Yield();
        await Task.WhenAll(routes.Select(r => r.DrainAsync(_stopping.Token))).ConfigureAwait(false);
        await Task.WhenAll(routes.Select(r => r.StopAsync())).ConfigureAwait(false);
        foreach (var sink in sinks)
        {
            await DisposeQuietlyAsync(sink).ConfigureAwait(false);
        }

        lock (_retiring)
        {
            _retiring.RemoveAll(r => ReferenceEquals(r.Set, set));
        }
    }

    /// <summary>Every sink of <paramref name="next"/>: the running instance when unchanged, a new one otherwise.</summary>
    private async Task<(Dictionary<string, IMessageSink> Sinks, List<IMessageSink> Created)> CreateSinksAsync(RouteTable next, RouteSet current)
    {
        var sinks = new Dictionary<string, IMessageSink>(StringComparer.OrdinalIgnoreCase);
        var created = new List<IMessageSink>();
        try
        {
            foreach (var sink in next.Sinks.Values)
            {
                if (current.Table.Sinks.TryGetValue(sink.Id, out var before) && Same(before.Fingerprint, sink.Fingerprint))
                {
                    sinks[sink.Id] = current.Sinks[sink.Id];
                }
                else
                {
                    created.Add(sinks[sink.Id] = _factory.CreateSink(sink));
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

        return (sinks, created);
    }

    /// <summary>Forgets the cursors of sinks the route no longer sends to, saying what they had not done.</summary>
    private void RemoveStaleCursors(RouteRuntime route)
    {
        foreach (var sink in route.Log.Sinks().Where(s => !route.Readers.Any(r => string.Equals(r.SinkId, s, StringComparison.OrdinalIgnoreCase))))
        {
            var unread = route.Log.RemoveCursor(sink);
            if (unread > 0)
            {
                BufferLog.CursorRemoved(_logger, route.Id, sink, unread);
            }
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
            EngineLog.SinkDisposeFailed(_logger, ex);
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
}
