using Gateway.Core.DeadLetters;
using Gateway.Core.Delivery;
using Gateway.Core.Log;
using Gateway.Core.Observation;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Engine;

/// <summary>Creates sinks from their definitions, and running routes over the buffer's logs with one reader per sink.</summary>
internal sealed class RouteFactory(GatewayBuffer buffer, GatewayCounters counters, RecentFailures failures, DeadLetterFolder folder, IServiceProvider services, ILoggerFactory loggers, SinkPauses pauses, MessageTaps taps)
{
    public IMessageSink CreateSink(SinkDefinition sink)
    {
        var logger = loggers.CreateLogger($"Gateway.Sinks.{sink.Type}");
        return sink.Registration.Create(sink.Options, new SinkContext(sink.Id, sink.Path, sink.Format.Name, sink.FormatOptions, services, logger));
    }

    /// <summary>A route over its log; <paramref name="sinks"/> holds the instance of every sink id the table has.</summary>
    public RouteRuntime CreateRoute(RouteDefinition route, RouteTable table, IReadOnlyDictionary<string, IMessageSink> sinks)
    {
        var logger = loggers.CreateLogger($"Gateway.Routes.{route.Id}");
        var routeCounters = counters.Get(EndpointKind.Route, route.Id);
        var deadLetterSink = route.DeadLetter is { } id ? Sender(id) : null;
        var handler = new FailureHandler(route.Id, routeCounters, deadLetterSink, route.DeadLetter is { } dl ? Encoder(dl) : null, folder, failures, logger);
        var log = buffer.Route(route.Id);
        var readers = route.Sinks
            .Select((sinkId, i) => new SinkReader(log, buffer, route.Id, Sender(sinkId), Encoder(sinkId), handler, deadLettersConversionFailures: i == 0, logger) { Pauses = pauses, Taps = taps })
            .ToList();
        foreach (var reader in readers)
        {
            reader.Attach(); // a new sink's cursor starts here, before the route takes messages
        }

        return new RouteRuntime(route, log, readers, routeCounters, logger) { Taps = taps };

        SinkSender Sender(string sinkId)
        {
            var definition = table.Sinks[sinkId];
            return new SinkSender(route.Id, definition, sinks[definition.Id], counters.Get(EndpointKind.Sink, definition.Id), logger);
        }

        SinkEncoder Encoder(string sinkId)
        {
            var definition = table.Sinks[sinkId];
            return new SinkEncoder(definition.Format, definition.FormatOptions);
        }
    }
}
