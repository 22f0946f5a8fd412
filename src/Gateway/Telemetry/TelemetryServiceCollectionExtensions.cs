using System.Diagnostics.Metrics;
using Gateway.Core.Diagnostics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

/// <summary>
/// Registers OpenTelemetry for the gateway from <c>Gateway:Telemetry</c>: metrics (the engine's counters and queue
/// depths, the conversion and sink latency histograms, ASP.NET Core, Kestrel, HttpClient and runtime) for the
/// Prometheus endpoint and OTLP; traces (ASP.NET Core, HttpClient and the <c>Gateway</c> source) when OTLP is on.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Histogram buckets in seconds for the gateway's latencies: from 100 µs (a small JSON conversion) to 30 s
    /// (a sink retrying with back-off).
    /// </summary>
    internal static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// Kestrel's buffer pool counters (<c>aspnetcore.memory_pool.*</c>, new in .NET 10) are updated on every socket read
    /// and write, several times per request: about 2% of the CPU of a small <c>POST /convert</c> (bench/README.md,
    /// S1). The process-wide memory metrics (<c>dotnet_gc_*</c>, the working set) stay.
    /// </summary>
    private const string MemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    /// <summary>Adds the telemetry of <paramref name="gateway"/> (the <c>Gateway</c> section).</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfigurationSection gateway)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gateway);
        var section = gateway.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<GatewayMetrics>();

        // Invalid settings are reported by the configuration check before the host runs; until then, the defaults.
        var options = TelemetryOptions.Bind(section, new List<string>()) ?? new TelemetryOptions();
        var otlp = options.Otlp.IsEnabled && options.Otlp.EndpointUri is not null ? options.Otlp : null;
        if (!options.Prometheus && otlp is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayInstruments.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddView(GatewayInstruments.ConversionDuration.Name, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets })
                    .AddView(GatewayInstruments.SinkDuration.Name, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets })
                    .AddView(instrument => instrument.Meter.Name == MemoryPoolMeter ? MetricStreamConfiguration.Drop : null);
                if (metrics is IDeferredMeterProviderBuilder deferred)
                {
                    deferred.Configure((provider, builder) => builder.AddView(OtherHostsDropped(provider.GetRequiredService<IMeterFactory>())));
                }

                if (options.Prometheus)
                {
                    // No response cache: every scrape sees the counters as they are.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Configure(exporter, otlp, "metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayInstruments.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsScrape(context))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => Configure(exporter, otlp, "traces")));
        }

        return services;
    }

    /// <summary>
    /// Meters are matched by name process-wide, so a second host in the process (tests) would show up here: drop
    /// instruments of meters that another container's <see cref="IMeterFactory"/> created (the engine's counters,
    /// ASP.NET Core's and Kestrel's). Meters from no factory (<see cref="GatewayInstruments.Meter"/>, the runtime's) stay.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OtherHostsDropped(IMeterFactory local)
        => instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, local) ? MetricStreamConfiguration.Drop : null;

    private static bool IsScrape(HttpContext context) => context.Request.Path.StartsWithSegments(TelemetryEndpoints.MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static void Configure(OtlpExporterOptions exporter, TelemetryOtlpOptions options, string signal)
    {
        exporter.Protocol = options.Protocol == TelemetryOtlpProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = options.SignalUri(signal);
    }
}
