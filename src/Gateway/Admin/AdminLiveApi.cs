using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Gateway.Core.Engine;
using Gateway.Core.Observation;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin;

/// <summary>
/// The dashboard's live data under <c>/admin/api</c>: the route map, one server-sent event stream of every counter
/// (instead of the page polling each table), and the live tail of a route.
/// </summary>
internal static class AdminLiveApi
{
    /// <summary>How often the event stream sends a snapshot.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapAdminLiveApi(this RouteGroupBuilder group)
    {
        group.MapGet("/map", (GatewayEngine engine, IConfiguration configuration, ConfigurationReloadStatus reloads)
                => TypedResults.Ok(RouteMap.Of(engine, configuration, reloads.Applied)))
            .WithName("AdminMap").WithSummary("The running configuration as a map: inputs, routes with their converter steps, sinks (settings with secrets masked)");
        group.MapGet("/events", (GatewayEngine engine, ConfigurationReloadStatus reloads, CancellationToken cancellationToken)
                => TypedResults.ServerSentEvents(SnapshotsAsync(engine, reloads, cancellationToken), "snapshot"))
            .WithName("AdminEvents").WithSummary("Server-sent events: a snapshot of every counter, queue, paused sink and the last reload, once a second");
        group.MapGet("/routes/{id}/tail", Tail)
            .WithName("AdminTail")
            .WithSummary($"Server-sent events: a live sample of the route's messages as received, after each converter step and as encoded for each sink (at most {MessageTaps.MaxWatchers} watchers)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static Results<ServerSentEventsResult<TailSample>, ProblemHttpResult> Tail(string id, GatewayEngine engine, HttpContext context)
    {
        if (!engine.Table.Routes.TryGetValue(id, out var route))
        {
            return TypedResults.Problem(
                title: "No such route",
                detail: $"There is no route '{id}'. Known routes: {string.Join(", ", engine.Table.Routes.Keys.Order(StringComparer.Ordinal))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (engine.Taps.Watch(route.Id) is not { } watcher)
        {
            return TypedResults.Problem(
                title: "Too many live tails",
                detail: $"{MessageTaps.MaxWatchers} live tails are open already; close one and try again.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        // Also when the response never starts streaming: the route stops being sampled with the request.
        context.RequestAborted.Register(watcher.Dispose);
        return TypedResults.ServerSentEvents(SamplesAsync(route.Id, watcher, context.RequestAborted), "sample");
    }

    private static async IAsyncEnumerable<TailSample> SamplesAsync(string routeId, TailSubscription watcher, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (watcher)
        {
            // Sent at once, so the response starts (and the page knows the tail is open) before any message comes.
            yield return new TailSample(DateTimeOffset.UtcNow, routeId, Guid.Empty, "watching", null, null, string.Empty, 0, string.Empty, false, new Dictionary<string, string>(), null);
            while (await WaitAsync(watcher.Samples, cancellationToken))
            {
                while (watcher.Samples.TryRead(out var sample))
                {
                    yield return sample with { Metadata = SettingsMasker.Metadata(sample.Metadata) };
                }
            }
        }
    }

    private static async IAsyncEnumerable<LiveSnapshot> SnapshotsAsync(GatewayEngine engine, ConfigurationReloadStatus reloads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            yield return new LiveSnapshot(AdminApi.Snapshot(engine), reloads.Applied, engine.Pauses.Paused, reloads.Last);
            await Task.WhenAny(Task.Delay(Interval, cancellationToken)); // a closed page ends the wait, and the stream
        }
    }

    /// <summary>False once the watcher is closed or the request ended (a disconnect is how a tail normally ends).</summary>
    private static async Task<bool> WaitAsync(ChannelReader<TailSample> samples, CancellationToken cancellationToken)
    {
        try
        {
            return await samples.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
