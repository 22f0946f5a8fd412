using Gateway.Http.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Http.Security;

public sealed class ExposedListenerWarningTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://[::]:5080", true)]
    [InlineData("http://+:80", true)]
    [InlineData("http://*:80", true)]
    [InlineData("https://192.168.1.20:5443", true)]
    public void Addresses_beyond_loopback_are_recognized(string address, bool beyond)
    {
        Assert.Equal(beyond, ExposedListenerWarning.IsBeyondLoopback(address));
    }

    [Fact]
    public void Open_endpoints_name_convert_each_input_without_auth_and_the_admin_surface()
    {
        using var factory = new GatewayAppFactory(new()
        {
            ["Gateway:Inputs:open:Type"] = "Http",
            ["Gateway:Inputs:open:Path"] = "/in/open",
            ["Gateway:Inputs:keyed:Type"] = "Http",
            ["Gateway:Inputs:keyed:Path"] = "/in/keyed",
            ["Gateway:Inputs:keyed:Auth:Scheme"] = "ApiKey",
            ["Gateway:Inputs:keyed:Auth:Keys:0"] = "0123456789abcdef",
            ["Gateway:Sinks:out:Type"] = "Console",
            ["Gateway:Routes:open:Input"] = "open",
            ["Gateway:Routes:open:Sinks:0"] = "out",
            ["Gateway:Routes:keyed:Input"] = "keyed",
            ["Gateway:Routes:keyed:Sinks:0"] = "out",
        });
        var warning = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExposedListenerWarning>().Single();
        Assert.Equal(["POST /convert", "input 'open' (/in/open)", "the admin dashboard and API (no Gateway:Admin:ApiKey)"], warning.OpenEndpoints());
    }

    [Fact]
    public void Tcp_inputs_without_required_client_certificates_and_a_broker_without_users_beyond_loopback_are_named()
    {
        object[] inputs =
        [
            new Gateway.Transports.Tcp.TcpInputOptions { Host = "0.0.0.0", Port = 5020 },
            new Gateway.Transports.Tcp.TcpInputOptions { Host = "127.0.0.1", Port = 5021 },
            new Gateway.Transports.Tcp.TcpInputOptions
            {
                Host = "::",
                Port = 5022,
                Tls = new() { ClientCertificate = Gateway.Transports.Tls.ClientCertificateMode.Require },
            },
            new Gateway.Transports.Tcp.TcpInputOptions { Host = "::", Port = 5023, Tls = new() },
        ];
        var broker = new Gateway.Transports.Mqtt.MqttBrokerOptions { Enabled = true, Host = "0.0.0.0", Port = 1883 };

        var open = ExposedListenerWarning.OpenTransportListeners(inputs.Select((options, i) => ($"t{i}", options)), broker).ToList();
        broker.Users.Add(new() { Username = "device", Password = "secret" });
        var withUsers = ExposedListenerWarning.OpenTransportListeners([], broker);

        Assert.Equal(
            [
                ("Tcp input 't0' (no Tls with ClientCertificate: Require)", "tcp://0.0.0.0:5020"),
                ("Tcp input 't3' (no Tls with ClientCertificate: Require)", "tcp://[::]:5023"),
                ("The embedded MQTT broker (no Gateway:MqttBroker:Users)", "mqtt://0.0.0.0:1883"),
            ],
            open);
        Assert.Empty(withUsers);
    }
}
