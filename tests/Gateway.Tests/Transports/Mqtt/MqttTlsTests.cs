using System.ComponentModel.DataAnnotations;
using System.Text;
using Gateway.Core.Routing;
using Gateway.TestSupport;
using Gateway.Transports.Mqtt;
using Gateway.Transports.Tls;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>The embedded broker's TLS listener and the MQTT sink's CA and client-certificate options: real handshakes.</summary>
public sealed class MqttTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_sink_with_the_CA_and_a_client_certificate_publishes_through_the_TLS_listener()
    {
        await using var broker = await StartBrokerAsync();
        await using var subscriber = await TestClient.ConnectAsync(broker.Server);
        await subscriber.SubscribeAsync("secure/#");
        await using var sink = MqttSinkTests.CreateSink(SinkOptions(broker, withClientCertificate: true));

        await MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{\"t\":1}"));

        var received = await subscriber.NextAsync();
        Assert.Equal("secure/out", received.Topic);
        Assert.Equal("{\"t\":1}", Encoding.UTF8.GetString(received.Payload));
        await broker.Log.WaitForAsync($"MQTT broker listening on mqtts://127.0.0.1:{broker.Service.TlsEndPoint!.Port}");
    }

    [Fact]
    public async Task Without_a_client_certificate_the_broker_refuses_the_connection()
    {
        await using var broker = await StartBrokerAsync();
        await using var sink = MqttSinkTests.CreateSink(SinkOptions(broker, withClientCertificate: false));

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(() => MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{}")));

        Assert.Contains("cannot connect to mqtts://localhost:", refused.Message, StringComparison.Ordinal);
        await broker.Log.WaitForAsync("the TLS handshake with");
    }

    [Fact]
    public async Task A_sink_that_does_not_trust_the_broker_does_not_connect()
    {
        await using var broker = await StartBrokerAsync();
        var options = SinkOptions(broker, withClientCertificate: true);
        options.Tls!.Ca = null; // the system's roots do not know the test CA
        await using var sink = MqttSinkTests.CreateSink(options);

        var refused = await Assert.ThrowsAsync<SinkDeliveryException>(() => MqttSinkTests.SendAsync(sink, MqttSinkTests.Outgoing("{}")));

        Assert.Contains("cannot connect to mqtts://localhost:", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_options_with_a_plain_server_address_are_refused()
    {
        var options = new MqttSinkOptions { Server = "mqtt://127.0.0.1:1883", Topic = "t", Tls = new TlsClientOptions { Ca = _certificates.CaPath } };

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal("Tls options need a TLS server address: write mqtts://127.0.0.1:... instead of mqtt://.", Assert.Single(results).ErrorMessage);
    }

    private Task<EmbeddedBroker> StartBrokerAsync() => EmbeddedBroker.StartAsync(configure: o =>
    {
        o.TlsPort = 0;
        o.Tls = new TlsServerOptions
        {
            Certificate = new CertificateFileOptions { Path = _certificates.ServerPath, KeyPath = _certificates.ServerKeyPath },
            ClientCertificate = ClientCertificateMode.Require,
            ClientCa = _certificates.CaPath,
        };
    });

    private MqttSinkOptions SinkOptions(EmbeddedBroker broker, bool withClientCertificate) => new()
    {
        Server = $"mqtts://localhost:{broker.Service.TlsEndPoint!.Port}",
        Topic = "secure/out",
        ConnectTimeout = TimeSpan.FromSeconds(5),
        Tls = new TlsClientOptions
        {
            Ca = _certificates.CaPath,
            Certificate = withClientCertificate ? new CertificateFileOptions { Path = _certificates.ClientPath, KeyPath = _certificates.ClientKeyPath } : null,
        },
    };
}
