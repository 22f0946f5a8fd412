using Gateway.Admin;
using Gateway.Hosting;

namespace Gateway.Telemetry;

/// <summary>Maps <c>GET /metrics</c> (Prometheus text format) when <c>Gateway:Telemetry:Prometheus</c> is on.</summary>
internal static class TelemetryEndpoints
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapGatewayTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var section = endpoints.ServiceProvider.GetRequiredService<IConfiguration>()
            .GetSection(GatewayConfiguration.SectionName).GetSection(TelemetryOptions.SectionName);

        // As AddGatewayTelemetry decided: invalid settings fail the configuration check before the host runs.
        if ((TelemetryOptions.Bind(section, new List<string>()) ?? new TelemetryOptions()).Prometheus)
        {
            // The exporter maps every method; a scrape is a GET (HEAD for checks), anything else gets 405.
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath)
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
                .WithTags("Operations")
                .WithDisplayName("Prometheus metrics")
                .RequireAdminForMetrics(endpoints.ServiceProvider);
        }

        return endpoints;
    }
}
