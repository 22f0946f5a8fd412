using System.Diagnostics;
using System.Reflection;
using Gateway.Admin;
using Gateway.Core.Engine;
using Gateway.Core.Health;
using Gateway.Transports.Mqtt;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Http.Health;

/// <summary>
/// Maps <c>GET /healthz</c> (liveness: the process answers) and <c>GET /readyz</c> (readiness: every input listens or
/// is connected, every sink is reachable, the embedded broker listens; 503 otherwise), both with a JSON body.
/// </summary>
internal static class HealthApi
{
    private static readonly string Version = typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty).WithTags("Health");
        group.MapGet("/healthz", Liveness)
            .WithName("Healthz")
            .WithSummary("Liveness: the process is up")
            .Produces<LivenessReport>(StatusCodes.Status200OK);
        group.MapGet("/readyz", Readiness)
            .WithName("Readyz")
            .WithSummary("Readiness: every input, sink and broker with its state")
            .WithDescription("200 when every component is Up or Degraded; 503 when one is Starting or Down.")
            .Produces<ReadinessReport>(StatusCodes.Status200OK)
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable)
            .RequireAdminForMetrics(endpoints.ServiceProvider);

        // HEAD for probes that only look at the status; the same answers, not described twice.
        group.MapMethods("/healthz", [HttpMethods.Head], Liveness).ExcludeFromDescription();
        group.MapMethods("/readyz", [HttpMethods.Head], Readiness).ExcludeFromDescription().RequireAdminForMetrics(endpoints.ServiceProvider);
        return endpoints;
    }

    private static Ok<LivenessReport> Liveness()
    {
        var uptime = DateTime.UtcNow - Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return TypedResults.Ok(new LivenessReport("Healthy", Version, Math.Round(uptime.TotalSeconds, 3)));
    }

    private static JsonHttpResult<ReadinessReport> Readiness(GatewayEngine engine, MqttBrokerService broker)
    {
        var components = engine.Components()
            .Select(c => new ComponentReport(c.Kind, c.Id, c.Type, c.State.ToString(), c.Detail))
            .ToList();
        if (broker.Enabled)
        {
            var health = broker.Health;
            components.Add(new ComponentReport("broker", "mqtt", "Mqtt", health.State.ToString(), health.Detail));
        }

        var ready = components.TrueForAll(c => c.State is nameof(ComponentState.Up) or nameof(ComponentState.Degraded));
        var report = new ReadinessReport(ready ? "Ready" : "NotReady", components);
        return TypedResults.Json(report, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
