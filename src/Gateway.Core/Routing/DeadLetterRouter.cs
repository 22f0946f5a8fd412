using Gateway.Core.Messages;
using Microsoft.Extensions.Logging;

namespace Gateway.Core.Routing;

/// <summary>
/// Where one route's failures go: its <c>DeadLetter</c> sink when it has one, the dead-letter folder otherwise or
/// when that sink fails too. The message carries its failure as metadata (<c>gateway.error</c>, <c>gateway.stage</c>,
/// <c>gateway.route</c>, <c>gateway.sink</c>).
/// </summary>
internal sealed class DeadLetterRouter(string routeId, SinkDelivery? sink, DeadLetterFolder folder, ILogger logger)
{
    public const string ErrorKey = "gateway.error";
    public const string StageKey = "gateway.stage";
    public const string RouteKey = "gateway.route";
    public const string SinkKey = "gateway.sink";

    /// <summary>Dead-letters <paramref name="message"/>; returns the sink id or file path it went to, or null when everything failed.</summary>
    public async Task<string?> WriteAsync(Message message, DeliveryFailure failure, CancellationToken stopping)
    {
        var annotated = message.WithBody(message.Body, message.Format);
        annotated.Metadata[ErrorKey] = failure.Error;
        annotated.Metadata[StageKey] = failure.Stage;
        annotated.Metadata[RouteKey] = failure.Route;
        if (failure.Sink is { } failedSink)
        {
            annotated.Metadata[SinkKey] = failedSink;
        }

        if (sink is not null && !stopping.IsCancellationRequested)
        {
            try
            {
                await sink.SendAsync(sink.Encode(annotated), stopping).ConfigureAwait(false);
                sink.Counters.OnDeadLettered();
                return sink.Id;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Counters.OnFailed();
                RoutingLog.DeadLetterSinkFailed(logger, routeId, sink.Id, message.Id, message.InputId, SinkDelivery.Describe(ex));
            }
        }

        try
        {
            return await folder.WriteAsync(annotated, failure, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RoutingLog.DeadLetterFailed(logger, routeId, message.Id, message.InputId, failure.Sink ?? RoutingLog.NoSink, ex.Message);
            return null;
        }
    }
}
