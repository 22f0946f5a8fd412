using System.ComponentModel.DataAnnotations;
using Gateway.Core.Configuration;

namespace Gateway.Telemetry;

/// <summary>
/// <c>Gateway:Telemetry</c>: the service name on every metric and span, whether <c>GET /metrics</c> serves Prometheus
/// text, and the optional OTLP export of traces and metrics.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    /// <summary>The configuration section, below <c>Gateway</c>.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute (OTLP) and the <c>job</c> a collector may use; default <c>gateway</c>.</summary>
    public string ServiceName { get; set; } = "gateway";

    /// <summary>Whether <c>GET /metrics</c> answers in the Prometheus text format; default true.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>The OTLP exporter; off unless <see cref="TelemetryOtlpOptions.Endpoint"/> is set.</summary>
    public TelemetryOtlpOptions Otlp { get; set; } = new();

    /// <summary>
    /// Binds and checks <paramref name="section"/> (<c>Gateway:Telemetry</c>) and adds every problem to
    /// <paramref name="errors"/> by its config path, unknown keys in <c>Otlp</c> included; returns the options when valid.
    /// </summary>
    public static TelemetryOptions? Bind(IConfigurationSection section, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;

        // The nested section on its own first: unknown keys and conversion errors (Protocol) by their own path.
        OptionsBinder.Bind(typeof(TelemetryOtlpOptions), section.GetSection(nameof(Otlp)), errors);
        if (errors.Count > before)
        {
            return null; // binding the whole section would report the same problem again
        }

        var options = OptionsBinder.Bind(typeof(TelemetryOptions), section, errors) as TelemetryOptions;
        return errors.Count == before ? options : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            yield return new ValidationResult("must not be empty (the default is 'gateway').", [nameof(ServiceName)]);
        }

        if (Otlp is { IsEnabled: true, EndpointUri: null })
        {
            yield return new ValidationResult(
                $"'{Otlp.Endpoint}' is not an absolute http or https URL; use the collector's address, such as http://localhost:4317 (Grpc) or http://localhost:4318 (HttpProtobuf), or leave it empty to switch OTLP off.",
                [$"{nameof(Otlp)}:{nameof(TelemetryOtlpOptions.Endpoint)}"]);
        }
    }
}
