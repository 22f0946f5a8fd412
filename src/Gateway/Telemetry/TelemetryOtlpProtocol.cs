namespace Gateway.Telemetry;

/// <summary>How the OTLP exporter talks to the collector (<c>Gateway:Telemetry:Otlp:Protocol</c>).</summary>
public enum TelemetryOtlpProtocol
{
    /// <summary>OTLP over gRPC; the collector's usual port is 4317.</summary>
    Grpc,

    /// <summary>OTLP over HTTP with protobuf bodies; the collector's usual port is 4318 (<c>/v1/traces</c> and <c>/v1/metrics</c> are appended).</summary>
    HttpProtobuf,
}
