using Gateway.Core.Security;
using Gateway.Transports.Mqtt;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Protocol;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>The embedded broker's users, their publish and subscribe patterns, and its quotas, with real MQTTnet clients.</summary>
public class MqttBrokerPolicyTests
{
    private static readonly MqttBrokerUser Plc = new()
    {
        Username = "plc-1",
        PasswordHash = PasswordHash.Create("plc-secret", iterations: 10_000),
        Publish = ["plants/1/#"],
        Subscribe = ["commands/plc-1/#"],
    };

    private static readonly MqttBrokerUser Reader = new() { Username = "reader", Password = "reader-secret", Subscribe = ["plants/#"] };

    [Fact]
    public async Task Once_a_user_is_configured_anonymous_clients_unknown_users_and_wrong_passwords_are_refused()
    {
        await using var broker = await EmbeddedBroker.StartAsync(configure: o => o.Users = [Plc, Reader]);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectResultAsync(broker, null, null));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectResultAsync(broker, "nobody", "x"));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectResultAsync(broker, "plc-1", "reader-secret"));
        await broker.Log.WaitForAsync("refused the login from");
        await broker.Log.WaitForAsync("wrong password for user 'plc-1'");
        await using var plc = await Login(broker, "plc-1", "plc-secret");
        await using var reader = await Login(broker, "reader", "reader-secret");
    }

    [Fact]
    public async Task A_user_publishes_and_subscribes_only_within_its_patterns()
    {
        await using var broker = await EmbeddedBroker.StartAsync(configure: o => o.Users = [Plc, Reader]);
        await using var reader = await Login(broker, "reader", "reader-secret");
        await using var plc = await Login(broker, "plc-1", "plc-secret");

        var denied = await reader.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("commands/#").Build());
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(denied.Items).ResultCode);
        await reader.SubscribeAsync("plants/+/temperature");

        var refused = await plc.Client.PublishAsync(Message("plants/2/temperature", "21"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
        await plc.PublishAsync("plants/1/temperature", "20");

        var received = await reader.NextAsync();
        Assert.Equal("plants/1/temperature", received.Topic);
        await broker.Log.WaitForAsync("user 'plc-1' may not publish to 'plants/2/temperature'");
    }

    [Fact]
    public async Task A_user_cannot_take_over_the_session_of_another_user_by_its_client_id()
    {
        await using var broker = await EmbeddedBroker.StartAsync(configure: o => o.Users = [Plc, Reader]);
        await using var plc = await Login(broker, "plc-1", "plc-secret", clientId: "plc-1-session");

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await ConnectResultAsync(broker, "reader", "reader-secret", "plc-1-session"));
    }

    [Fact]
    public async Task Retained_messages_beyond_the_count_or_the_bytes_are_refused_and_replacing_one_is_not_counted_twice()
    {
        await using var broker = await EmbeddedBroker.StartAsync(configure: o =>
        {
            o.MaxRetainedMessages = 2;
            o.MaxRetainedBytes = 100;
        });
        await using var client = await TestClient.ConnectAsync(broker.Server);

        Assert.True((await client.Client.PublishAsync(Message("r/1", "a", retain: true))).IsSuccess);
        Assert.True((await client.Client.PublishAsync(Message("r/2", "b", retain: true))).IsSuccess);
        Assert.True((await client.Client.PublishAsync(Message("r/2", "replaced", retain: true))).IsSuccess);
        var third = await client.Client.PublishAsync(Message("r/3", "c", retain: true));
        Assert.True((await client.Client.PublishAsync(Message("r/1", string.Empty, retain: true))).IsSuccess); // deletes r/1
        var tooBig = await client.Client.PublishAsync(Message("r/4", new string('x', 95), retain: true));
        Assert.True((await client.Client.PublishAsync(Message("r/5", "fits", retain: true))).IsSuccess);

        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, third.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, tooBig.ReasonCode);
        var retained = await broker.Service.Server!.GetRetainedMessagesAsync();
        Assert.Equal(["r/2", "r/5"], retained.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscriptions_beyond_MaxSubscriptionsPerClient_are_refused_and_an_unsubscribe_frees_a_place()
    {
        await using var broker = await EmbeddedBroker.StartAsync(configure: o => o.MaxSubscriptionsPerClient = 2);
        await using var client = await TestClient.ConnectAsync(broker.Server);

        await client.SubscribeAsync("a/#");
        await client.SubscribeAsync("b/#");
        await client.SubscribeAsync("a/#"); // the same filter again replaces, it does not count
        var third = await client.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("c/#").Build());
        await client.Client.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter("b/#").Build());
        var afterUnsubscribe = await client.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("c/#").Build());

        Assert.Equal(MqttClientSubscribeResultCode.QuotaExceeded, Assert.Single(third.Items).ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, Assert.Single(afterUnsubscribe.Items).ResultCode);
    }

    /// <summary>The broker's answer to a CONNECT with these credentials (MQTTnet 5 returns a refusal rather than throwing).</summary>
    private static async Task<MqttClientConnectResultCode> ConnectResultAsync(EmbeddedBroker broker, string? username, string? password, string? clientId = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId(clientId ?? $"test-{Guid.NewGuid():N}");
        if (username is not null)
        {
            builder.WithCredentials(username, password);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return (await client.ConnectAsync(builder.Build(), cts.Token)).ResultCode;
        }
        catch (MqttConnectingFailedException ex) when (ex.InnerException is MQTTnet.Exceptions.MqttCommunicationException)
        {
            // MQTTnet 5 throws for some refusals; the reason code is in the message.
            return Enum.GetValues<MqttClientConnectResultCode>().First(c => ex.Message.Contains(c.ToString(), StringComparison.Ordinal));
        }
    }

    private static Task<TestClient> Login(EmbeddedBroker broker, string username, string password, string? clientId = null)
        => TestClient.ConnectAsync(broker.Server, clientId, b => b.WithCredentials(username, password));

    private static MqttApplicationMessage Message(string topic, string payload, bool retain = false) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
}
