using Gateway.Hosting;
using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Telemetry;

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void Defaults_serve_prometheus_and_export_nothing()
    {
        var errors = new List<string>();
        var options = TelemetryOptions.Bind(Section([]), errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
        Assert.Equal("gateway", options.ServiceName);
        Assert.True(options.Prometheus);
        Assert.False(options.Otlp.IsEnabled);
        Assert.Equal(TelemetryOtlpProtocol.Grpc, options.Otlp.Protocol);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("localhost:4317")]
    [InlineData("ftp://collector:4317")]
    [InlineData("/v1/traces")]
    public void Endpoint_that_is_not_an_absolute_http_url_is_an_error_by_its_path(string endpoint)
    {
        var errors = Validate(new() { ["Gateway:Telemetry:Otlp:Endpoint"] = endpoint });

        var error = Assert.Single(errors);
        Assert.StartsWith("Gateway:Telemetry:Otlp:Endpoint: ", error, StringComparison.Ordinal);
        Assert.Contains($"'{endpoint}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_protocol_and_unknown_keys_are_errors_by_their_path()
    {
        Assert.Contains(Validate(new() { ["Gateway:Telemetry:Otlp:Protocol"] = "Carrier" }), e => e.StartsWith("Gateway:Telemetry:Otlp", StringComparison.Ordinal) && e.Contains("Carrier", StringComparison.Ordinal));
        Assert.Contains(Validate(new() { ["Gateway:Telemetry:Otlp:Headers"] = "x" }), e => e.StartsWith("Gateway:Telemetry:Otlp:Headers: unknown option", StringComparison.Ordinal));
        Assert.Contains(Validate(new() { ["Gateway:Telemetry:Jaeger"] = "x" }), e => e.StartsWith("Gateway:Telemetry:Jaeger: unknown option", StringComparison.Ordinal));
        Assert.Contains(Validate(new() { ["Gateway:Telemetry:ServiceName"] = " " }), e => e.StartsWith("Gateway:Telemetry:ServiceName: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_settings_pass_the_whole_configuration_check()
    {
        Assert.Empty(Validate(new()
        {
            ["Gateway:Telemetry:ServiceName"] = "edge-gateway",
            ["Gateway:Telemetry:Prometheus"] = "false",
            ["Gateway:Telemetry:Otlp:Endpoint"] = "http://127.0.0.1:4318",
            ["Gateway:Telemetry:Otlp:Protocol"] = "HttpProtobuf",
        }));
    }

    [Theory]
    [InlineData(TelemetryOtlpProtocol.Grpc, "http://collector:4317", "http://collector:4317/")]
    [InlineData(TelemetryOtlpProtocol.HttpProtobuf, "http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData(TelemetryOtlpProtocol.HttpProtobuf, "https://collector/otlp/", "https://collector/otlp/v1/traces")]
    public void Http_protocol_appends_the_signal_path_and_grpc_does_not(TelemetryOtlpProtocol protocol, string endpoint, string expected)
    {
        var options = new TelemetryOtlpOptions { Endpoint = endpoint, Protocol = protocol };

        Assert.Equal(expected, options.SignalUri("traces").AbsoluteUri);
    }

    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
        => GatewayConfigurationValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static IConfigurationSection Section(Dictionary<string, string?> settings)
        => new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Gateway:Telemetry");
}
