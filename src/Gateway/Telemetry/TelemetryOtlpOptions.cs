namespace Gateway.Telemetry;

/// <summary><c>Gateway:Telemetry:Otlp</c>: where traces and metrics are pushed with OTLP; off while <see cref="Endpoint"/> is empty.</summary>
public sealed class TelemetryOtlpOptions
{
    /// <summary>The collector's address (absolute http or https URL), such as <c>http://localhost:4317</c>; empty: no OTLP export.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The OTLP transport; default <see cref="TelemetryOtlpProtocol.Grpc"/>.</summary>
    public TelemetryOtlpProtocol Protocol { get; set; } = TelemetryOtlpProtocol.Grpc;

    /// <summary>Whether an endpoint is set.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The endpoint as a URI, or null when it is not an absolute http/https URL.</summary>
    public Uri? EndpointUri =>
        Uri.TryCreate(Endpoint?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>
    /// The URL one signal is exported to: the endpoint itself for gRPC; for HTTP the endpoint with
    /// <c>v1/traces</c> or <c>v1/metrics</c> appended, as collectors expect.
    /// </summary>
    public Uri SignalUri(string signal)
    {
        var endpoint = EndpointUri ?? throw new InvalidOperationException($"'{Endpoint}' is not an absolute http or https URL.");
        if (Protocol == TelemetryOtlpProtocol.Grpc)
        {
            return endpoint;
        }

        var text = endpoint.AbsoluteUri;
        return new Uri((text.EndsWith('/') ? text : text + "/") + "v1/" + signal);
    }
}
