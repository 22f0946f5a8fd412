using Gateway.Core.DeadLetters;
using Gateway.Core.Engine;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin;

/// <summary>
/// Operating the gateway from the dashboard, under <c>/admin/api</c>: the last reload and reloading now, pausing and
/// resuming a sink, and re-driving or deleting many dead letters at once.
/// </summary>
internal static class AdminOperateApi
{
    /// <summary>The most dead letters one bulk call handles (the answer says how many more matched).</summary>
    public const int MaxBulk = 1000;

    private const int MaxErrors = 10;

    public static RouteGroupBuilder MapAdminOperateApi(this RouteGroupBuilder group)
    {
        group.MapGet("/reload", (ConfigurationReloadStatus status, IServiceProvider services)
                => TypedResults.Ok(new ReloadState(services.GetService<ConfigurationReloader>() is not null, status.Applied, status.Rejected, status.Last)))
            .WithName("AdminReloadStatus").WithSummary("The last configuration reload: when, applied or rejected, and the problems by config path");
        group.MapPost("/reload", ReloadAsync)
            .WithName("AdminReload").WithSummary("Reload the configuration file now (as when it is saved); 422 lists the problems of a rejected one, which leaves the running configuration as it was")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/sinks/{id}/pause", (string id, GatewayEngine engine, ILoggerFactory loggers) => Pause(id, engine, loggers, pause: true))
            .WithName("AdminPauseSink").WithSummary("Pause a sink: its messages wait in the route logs (nothing is lost) until it is resumed")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sinks/{id}/resume", (string id, GatewayEngine engine, ILoggerFactory loggers) => Pause(id, engine, loggers, pause: false))
            .WithName("AdminResumeSink").WithSummary("Resume a paused sink: it delivers what waited, in order")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/dead-letters/redrive", RedriveManyAsync)
            .WithName("AdminRedriveMany").WithSummary($"Re-drive every dead letter matching route, sink and error (a piece of its text), or all=true; at most {MaxBulk} a call")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/dead-letters", DeleteMany)
            .WithName("AdminDeleteMany").WithSummary($"Delete every dead letter matching route, sink and error (a piece of its text), or all=true; at most {MaxBulk} a call")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private static async Task<Results<Ok<ConfigurationReloadOutcome>, ProblemHttpResult>> ReloadAsync(IServiceProvider services)
    {
        if (services.GetService<ConfigurationReloader>() is not { } reloader)
        {
            return TypedResults.Problem(
                title: "Nothing to reload",
                detail: "The gateway was started without a configuration file (--config or GATEWAY_CONFIG); there is nothing to reload.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (await reloader.ReloadNowAsync() is not { } outcome)
        {
            return TypedResults.Problem(title: "Stopping", detail: "The gateway is stopping and takes no reload.", statusCode: StatusCodes.Status409Conflict);
        }

        return outcome.Applied
            ? TypedResults.Ok(outcome)
            : TypedResults.Problem(
                title: "Configuration rejected",
                detail: $"The configuration has {outcome.Problems.Count} problem(s); the running configuration stays: {string.Join(" ", outcome.Problems)}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["problems"] = outcome.Problems });
    }

    private static Results<Ok<SinkPauseState>, ProblemHttpResult> Pause(string id, GatewayEngine engine, ILoggerFactory loggers, bool pause)
    {
        if (!engine.Table.Sinks.TryGetValue(id, out var sink))
        {
            return TypedResults.Problem(
                title: "No such sink",
                detail: $"There is no sink '{id}'. Known sinks: {string.Join(", ", engine.Table.Sinks.Keys.Order(StringComparer.Ordinal))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        if (pause ? engine.Pauses.Pause(sink.Id) : engine.Pauses.Resume(sink.Id))
        {
            var logger = loggers.CreateLogger("Gateway.Admin");
            var action = pause ? "paused" : "resumed";
            AdminLog.SinkPaused(logger, sink.Id, action);
        }

        var waiting = engine.QueueDepths().Where(q => string.Equals(q.Sink, sink.Id, StringComparison.OrdinalIgnoreCase)).Sum(q => q.Depth);
        return TypedResults.Ok(new SinkPauseState(sink.Id, engine.Pauses.IsPaused(sink.Id), waiting));
    }

    private static async Task<Results<Ok<BulkDeadLetterResult>, ProblemHttpResult>> RedriveManyAsync(
        string? route, string? sink, string? error, bool? all, GatewayEngine engine, DeadLetterFolder folder, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (Select(new DeadLetterFilter(route, sink, error, all == true), folder, out var matched) is { } refusal)
        {
            return refusal;
        }

        var done = 0;
        var errors = new List<string>();
        var batch = matched.Take(MaxBulk).ToList();
        foreach (var entry in batch)
        {
            var result = await AdminApi.RedriveEntryAsync(entry, engine, folder, loggers, cancellationToken);
            if (result.Result is ProblemHttpResult problem)
            {
                errors.Add($"{entry.Name}: {problem.ProblemDetails.Detail}");
            }
            else
            {
                done++;
            }
        }

        return TypedResults.Ok(new BulkDeadLetterResult(matched.Count, done, errors.Count, matched.Count - batch.Count, [.. errors.Take(MaxErrors)]));
    }

    private static Results<Ok<BulkDeadLetterResult>, ProblemHttpResult> DeleteMany(
        string? route, string? sink, string? error, bool? all, DeadLetterFolder folder, ILoggerFactory loggers)
    {
        if (Select(new DeadLetterFilter(route, sink, error, all == true), folder, out var matched) is { } refusal)
        {
            return refusal;
        }

        var logger = loggers.CreateLogger("Gateway.Admin");
        var batch = matched.Take(MaxBulk).ToList();
        foreach (var entry in batch)
        {
            folder.Delete(entry);
            AdminLog.Deleted(logger, entry.Name);
        }

        return TypedResults.Ok(new BulkDeadLetterResult(matched.Count, batch.Count, 0, matched.Count - batch.Count, []));
    }

    /// <summary>The dead letters <paramref name="filter"/> takes, oldest first; a problem when the filter is empty.</summary>
    private static ProblemHttpResult? Select(DeadLetterFilter filter, DeadLetterFolder folder, out List<DeadLetterEntry> matched)
    {
        matched = [];
        if (filter.IsEmpty)
        {
            return TypedResults.Problem(
                title: "No filter",
                detail: "Name a route, a sink or a piece of the error text (route=, sink=, error=), or pass all=true to take every dead letter.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        matched = [.. folder.List(int.MaxValue).Where(filter.Matches).Reverse()];
        return null;
    }
}
