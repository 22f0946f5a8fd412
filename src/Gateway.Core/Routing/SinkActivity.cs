using System.Diagnostics;
using Gateway.Core.Diagnostics;
using Gateway.Core.Messages;

namespace Gateway.Core.Routing;

/// <summary>
/// The span of one send to a sink (<c>send {sink}</c> from <see cref="GatewayInstruments.ActivitySource"/>), parented
/// on the trace context the message brought from its input; a batch send links every message's context instead.
/// Nothing is created, nor allocated, while no one listens to the source.
/// </summary>
internal static class SinkActivity
{
    public static Activity? Start(string routeId, string sinkId, Message message)
    {
        if (!GatewayInstruments.ActivitySource.HasListeners())
        {
            return null;
        }

        MessageTraceContext.TryGet(message, out var parent);
        var activity = GatewayInstruments.ActivitySource.StartActivity($"send {sinkId}", ActivityKind.Producer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gateway.route", routeId);
            activity.SetTag("gateway.sink", sinkId);
            activity.SetTag("gateway.input", message.InputId);
            activity.SetTag("gateway.message.id", message.Id.ToString("D"));
        }

        return activity;
    }

    public static Activity? StartBatch(string routeId, string sinkId, IEnumerable<Message> messages)
    {
        if (!GatewayInstruments.ActivitySource.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        var count = 0;
        foreach (var message in messages)
        {
            count++;
            if (MessageTraceContext.TryGet(message, out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        var activity = GatewayInstruments.ActivitySource.StartActivity(ActivityKind.Producer, default, links: links, name: $"send {sinkId}");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gateway.route", routeId);
            activity.SetTag("gateway.sink", sinkId);
            activity.SetTag("messaging.batch.message_count", count);
        }

        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed with what to tell a person.</summary>
    public static void Failed(Activity? activity, string error) => activity?.SetStatus(ActivityStatusCode.Error, error);
}
