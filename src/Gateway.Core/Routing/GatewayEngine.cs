using System.Diagnostics.CodeAnalysis;
using Gateway.Core.Formats;
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
    private bool _stopped;
    private int _disposed;

    public GatewayEngine(RouteTable table, GatewayCounters counters, DeadLetterFolder folder, FormatRegistry formats, IServiceProvider services, ILoggerFactory loggers)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _formats = formats ?? throw new ArgumentNullException(nameof(formats));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger("Gateway.Routing");
    }

    public RouteTable Table { get; }

    public GatewayCounters Counters { get; }

    /// <summary>How long stopping waits for queued messages to be delivered before dead-lettering them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The running input with this id (for hosts that map HTTP inputs to endpoints).</summary>
    public bool TryGetInput(string id, [NotNullWhen(true)] out IMessageInput? input) => _inputs.TryGetValue(id, out input);

    /// <summary>How many messages wait in each route's queue and in each route's sink queues, by route id and sink id.</summary>
    public IReadOnlyList<(string Route, string? Sink, int Depth)> QueueDepths()
        => [.. _routes.SelectMany(r => r.Sinks.Select(s => (r.Id, (string?)s.SinkId, s.Depth)).Prepend((r.Id, null, r.Depth)))];

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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
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
            .Select(id => new SinkChannel(route.Id, Delivery(route.Id, id, logger), Table.Sinks[id].Settings.QueueCapacity, deadLetters, logger))
            .ToList();
        return new RouteRuntime(route, sinks, deadLetters, Counters.Get(EndpointKind.Route, route.Id), logger);
    }

    private SinkDelivery Delivery(string routeId, string sinkId, ILogger logger)
    {
        var definition = Table.Sinks[sinkId];
        return new SinkDelivery(routeId, definition, _sinks[definition.Id], _formats, Counters.Get(EndpointKind.Sink, definition.Id), logger);
    }
}
