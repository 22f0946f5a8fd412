using Gateway.Core.Configuration;
using Gateway.Core.Routing;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Transports.Mqtt;

public class MqttOptionsTests
{
    [Fact]
    public void TopicTakesOneStringOrAList()
    {
        var one = Bind<MqttInputOptions>(("Server", "mqtt://127.0.0.1"), ("Topic", "a/+/c"));
        Assert.Equal(["a/+/c"], one.Options!.Topic);
        var list = Bind<MqttInputOptions>(("Server", "mqtts://broker"), ("Topic:0", "a/#"), ("Topic:1", "b"), ("Qos", "2"), ("SharedGroup", "g"));
        Assert.Empty(list.Errors);
        Assert.Equal(["$share/g/a/#", "$share/g/b"], list.Options!.SubscribedFilters());
        Assert.Equal(MqttQos.ExactlyOnce, list.Options.Qos);
    }

    [Fact]
    public void InputDefaults()
    {
        var options = Bind<MqttInputOptions>(("Server", "mqtt://127.0.0.1"), ("Topic", "t")).Options!;
        Assert.Equal(MqttQos.AtLeastOnce, options.Qos);
        Assert.False(options.CleanSession);
        Assert.Equal(Gateway.Transports.Mqtt.MqttProtocolVersion.V500, options.ProtocolVersion);
        Assert.Equal(100, options.MaxInFlight);
    }

    [Theory]
    [InlineData("Topic", "a/#/b", "Gateway:Inputs:in:Topic: topic filter 'a/#/b': '#' must be a whole level and the last one")]
    [InlineData("Topic", "a/b+", "'+' must be a whole level")]
    [InlineData("Qos", "3", "Gateway:Inputs:in:Qos: '3' is not a QoS level")]
    [InlineData("Server", "http://127.0.0.1", "Gateway:Inputs:in:Server: 'http://127.0.0.1' has the scheme 'http'; use mqtt://")]
    [InlineData("Server", "mqtt://127.0.0.1/path", "may hold only a host and a port")]
    [InlineData("SharedGroup", "a/b", "Gateway:Inputs:in:SharedGroup: shared group 'a/b'")]
    [InlineData("MaxInFlight", "0", "Gateway:Inputs:in:MaxInFlight:")]
    [InlineData("MaxReconnectDelay", "00:00:00.1", "must be at least ReconnectDelay")]
    public void BadInputOptionsAreReportedByPath(string key, string value, string expected)
    {
        var values = new Dictionary<string, string> { ["Server"] = "mqtt://127.0.0.1", ["Topic"] = "ok/#", [key] = value };
        var (_, errors) = Bind<MqttInputOptions>([.. values.Select(p => (p.Key, p.Value))]);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingTopicAndServerAreReported()
    {
        var (_, errors) = Bind<MqttInputOptions>();
        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:in:Server: a server address is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:in:Topic: at least one topic filter is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Topic", "out/{nope}", "unknown placeholder '{nope}'")]
    [InlineData("Topic", "out/+/x", "contains a wildcard")]
    [InlineData("Topic", "", "a topic is required")]
    public void BadSinkOptionsAreReportedByPath(string key, string value, string expected)
    {
        var (_, errors) = Bind<MqttSinkOptions>(("Server", "mqtt://127.0.0.1"), (key, value));
        Assert.Contains(errors, e => e.StartsWith("Gateway:Inputs:in:Topic:", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void UserPropertiesTakeABooleanOrAList()
    {
        Assert.True(Bind<MqttSinkOptions>(("Server", "mqtt://h"), ("Topic", "t"), ("UserProperties", "true")).Options!.UserProperties.All);
        Assert.True(Bind<MqttSinkOptions>(("Server", "mqtt://h"), ("Topic", "t"), ("UserProperties", "false")).Options!.UserProperties.IsEmpty);
        Assert.True(Bind<MqttSinkOptions>(("Server", "mqtt://h"), ("Topic", "t")).Options!.UserProperties.IsEmpty);
        var list = Bind<MqttSinkOptions>(("Server", "mqtt://h"), ("Topic", "t"), ("UserProperties:0", "device"), ("UserProperties:1", "Site")).Options!.UserProperties;
        Assert.True(list.Includes("site"));
        Assert.False(list.Includes("other"));
        var (_, errors) = Bind<MqttSinkOptions>(("Server", "mqtt://h"), ("Topic", "t"), ("UserProperties", "true"), ("ProtocolVersion", "V311"));
        Assert.Contains(errors, e => e.Contains("user properties need MQTT 5", StringComparison.Ordinal));
    }

    [Fact]
    public void TheBrokerSectionIsValidatedAtStartWithItsPath()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:MqttBroker:Enabled"] = "true",
            ["Gateway:MqttBroker:Host"] = "localhost",
            ["Gateway:MqttBroker:MaxPacketSize"] = "1",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddGateway(config.GetSection("Gateway")).AddMqttBroker().AddMqttTransport();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MqttBrokerOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.StartsWith("Gateway:MqttBroker:Host: 'localhost' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Gateway:MqttBroker:MaxPacketSize:", StringComparison.Ordinal));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Contains(provider.GetServices<InputRegistration>(), r => r.Type == "Mqtt" && r.OptionsType == typeof(MqttInputOptions));
        Assert.Contains(provider.GetServices<SinkRegistration>(), r => r.Type == "Mqtt" && r.OptionsType == typeof(MqttSinkOptions));
    }

    [Fact]
    public async Task ADisabledBrokerDoesNotListen()
    {
        var service = new MqttBrokerService(Microsoft.Extensions.Options.Options.Create(new MqttBrokerOptions { Enabled = false }), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);
        Assert.Null(service.EndPoint);
        await service.StopAsync(CancellationToken.None);
        await service.DisposeAsync();
    }

    [Fact]
    public async Task APortInUseIsReportedWithWhatToDo()
    {
        await using var first = await EmbeddedBroker.StartAsync();
        var second = new MqttBrokerService(
            Microsoft.Extensions.Options.Options.Create(new MqttBrokerOptions { Enabled = true, Port = first.Port }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<IOException>(() => second.StartAsync(cts.Token));
        Assert.StartsWith($"The MQTT broker cannot listen on 127.0.0.1:{first.Port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:MqttBroker:Port", ex.Message, StringComparison.Ordinal);
        await second.DisposeAsync();
    }

    private static (T? Options, List<string> Errors) Bind<T>(params (string Key, string Value)[] values)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Gateway:Inputs:in:{v.Key}", v.Value)))
            .Build();
        var errors = new List<string>();
        var options = (T?)OptionsBinder.Bind(typeof(T), config.GetSection("Gateway:Inputs:in"), errors);
        return (options, errors);
    }
}
