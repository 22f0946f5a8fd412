using System.Diagnostics;
using System.Text;
using Gateway.Core.Converters;
using Gateway.Core.DeadLetters;
using Gateway.Core.Engine;
using Gateway.Core.Formats;
using Gateway.Core.Health;
using Gateway.Core.Messages;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin;

/// <summary>
/// The admin API under <c>/admin/api</c> (the dashboard's data): counters, queues and components, recent failures,
/// and the dead-letter folder (list, inspect, re-drive, delete). Every endpoint needs the API key when one is set.
/// </summary>
internal static class AdminApi
{
    public const string Prefix = "/admin/api";

    /// <summary>How much of a dead letter's body the API shows.</summary>
    public const int MaxBodyChars = 64 * 1024;

    private const int MaxListed = 500;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Prefix).WithTags("Admin").RequireAdmin(endpoints.ServiceProvider).ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/overview", Overview).WithName("AdminOverview").WithSummary("Counters, queue depths and component states");
        group.MapGet("/failures", (GatewayEngine engine) => TypedResults.Ok(engine.Failures.Snapshot()))
            .WithName("AdminFailures").WithSummary("The last failed messages, newest first");
        group.MapGet("/dead-letters", (DeadLetterFolder folder, int? limit) => TypedResults.Ok(folder.List(Math.Clamp(limit ?? 100, 1, MaxListed))))
            .WithName("AdminDeadLetters").WithSummary("Dead letters in the folder, newest first (limit: 1 to 500, default 100)");
        group.MapGet("/dead-letters/{name}", InspectAsync)
            .WithName("AdminDeadLetter").WithSummary("One dead letter with its body");
        group.MapPost("/dead-letters/{name}/redrive", RedriveAsync)
            .WithName("AdminRedrive").WithSummary("Send a dead letter again: through its route when it failed conversion, else to the sink that failed")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/dead-letters/{name}", Delete)
            .WithName("AdminDeleteDeadLetter").WithSummary("Delete a dead letter");
        group.MapAdminLiveApi();
        group.MapAdminOperateApi();
        return endpoints;
    }

    private static Ok<AdminOverview> Overview(GatewayEngine engine) => TypedResults.Ok(Snapshot(engine));

    /// <summary>Every counter, queue and component as they are now.</summary>
    internal static AdminOverview Snapshot(GatewayEngine engine)
    {
        var counters = engine.Counters.All
            .Select(c => new EndpointTotals(c.Kind.ToString().ToLowerInvariant(), c.Id, c.Received, c.Converted, c.Delivered, c.Retried, c.Failed, c.DeadLettered, c.Bytes))
            .ToList();
        var queues = engine.QueueDepths().Select(q => new QueueDepth(q.Route, q.Sink, q.Depth)).ToList();
        var uptime = DateTime.UtcNow - Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return new AdminOverview(DateTimeOffset.UtcNow, Math.Round(uptime.TotalSeconds, 3), counters, queues, engine.Components(), engine.Failures.Total);
    }

    private static async Task<Results<Ok<DeadLetterDetail>, ProblemHttpResult>> InspectAsync(string name, DeadLetterFolder folder, CancellationToken cancellationToken)
    {
        if (folder.Find(name) is not { } entry)
        {
            return NotFound(name);
        }

        var body = await folder.ReadBodyAsync(entry, cancellationToken);
        var text = Encoding.UTF8.GetString(body);
        var truncated = text.Length > MaxBodyChars;
        return TypedResults.Ok(new DeadLetterDetail(entry, truncated ? text[..MaxBodyChars] : text, truncated));
    }

    private static async Task<Results<Accepted<RedriveResult>, ProblemHttpResult>> RedriveAsync(
        string name, GatewayEngine engine, DeadLetterFolder folder, ILoggerFactory loggers, CancellationToken cancellationToken)
        => folder.Find(name) is { } entry ? await RedriveEntryAsync(entry, engine, folder, loggers, cancellationToken) : NotFound(name);

    /// <summary>Re-drives one dead letter (see <c>AdminRedrive</c>): accepted, or a problem saying why it was kept.</summary>
    internal static async Task<Results<Accepted<RedriveResult>, ProblemHttpResult>> RedriveEntryAsync(
        DeadLetterEntry entry, GatewayEngine engine, DeadLetterFolder folder, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var name = entry.Name;

        // Removed first: failing again writes a new dead letter under the same name. A refused re-drive puts the
        // old one back as it was (its times included): nothing was sent, so nothing failed again.
        var removed = await folder.RemoveAsync(entry, cancellationToken);
        var metadata = entry.Metadata
            .Where(p => !p.Key.StartsWith("gateway.", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var message = new Message(removed.Body, entry.Format, entry.Input) { Id = entry.Id, Metadata = metadata };
        var sink = entry.Stage == "convert" ? null : entry.Sink;
        MessageReceipt receipt;
        try
        {
            receipt = await engine.RedriveAsync(entry.Route, sink, message, cancellationToken);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            await folder.RestoreAsync(removed);
            return TypedResults.Problem(title: "Cannot re-drive", detail: $"{ex.Message}; the dead letter was kept.", statusCode: StatusCodes.Status409Conflict);
        }
        catch (Exception ex) when (ex is FormatReadException or ConverterException)
        {
            await folder.RestoreAsync(removed);
            return TypedResults.Problem(
                title: "Failed again",
                detail: $"The route could not convert it again ({ex.Message}); the dead letter was kept.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var logger = loggers.CreateLogger("Gateway.Admin");
        AdminLog.Redriven(logger, name, entry.Route, sink ?? "-");
        var records = receipt.Records;
        return TypedResults.Accepted((string?)null, new RedriveResult(entry.Id, entry.Route, sink, records));
    }

    private static Results<NoContent, ProblemHttpResult> Delete(string name, DeadLetterFolder folder, ILoggerFactory loggers)
    {
        if (folder.Find(name) is not { } entry)
        {
            return NotFound(name);
        }

        folder.Delete(entry);
        var logger = loggers.CreateLogger("Gateway.Admin");
        AdminLog.Deleted(logger, name);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string name)
        => TypedResults.Problem(title: "No such dead letter", detail: $"There is no dead letter named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
