using Gateway.Core.Configuration;
using Gateway.Transports.Amqp;
using Gateway.Transports.Nats;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Transports.Nats;

/// <summary>The Nats and Amqp options: what binds, what is refused and with which message, and the stream subject a sink template needs.</summary>
public class NatsOptionsTests
{
    [Fact]
    public void A_jetstream_input_takes_its_defaults_and_may_read_a_whole_stream()
    {
        var (options, errors) = Bind<NatsInputOptions>(("Url", "nats://a:4222, nats://b:4222"), ("Stream", "ORDERS"));
        Assert.Empty(errors);
        Assert.Equal(1000, options!.MaxAckPending);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AckWait);
        Assert.Equal(1, options.Replicas);
        Assert.Null(options.Subject);
    }

    [Theory]
    [InlineData("Url", "http://x", "Gateway:Inputs:in:Url: 'http://x' is not a NATS server URL; use nats://host:port (nats://, tls://, ws://, wss://).")]
    [InlineData("Subject", "a..b", "Gateway:Inputs:in:Subject: 'a..b' has an empty token (two dots, or a dot at the start or end).")]
    [InlineData("Subject", "a.>.b", "Gateway:Inputs:in:Subject: 'a.>.b': '>' must be the last token.")]
    [InlineData("Subject", "a.b*", "Gateway:Inputs:in:Subject: 'a.b*': a wildcard must be a whole token ('b*').")]
    [InlineData("Consumer", "c", "Gateway:Inputs:in:Consumer: a consumer reads a JetStream stream; set Stream too, or remove Consumer.")]
    [InlineData("MaxAckPending", "0", "Gateway:Inputs:in:MaxAckPending: The field MaxAckPending must be between 1 and 1000000.")]
    [InlineData("Replicas", "0", "Gateway:Inputs:in:Replicas: The field Replicas must be between 1 and 5.")]
    [InlineData("Replicas", "6", "Gateway:Inputs:in:Replicas: The field Replicas must be between 1 and 5.")]
    public void A_bad_core_input_setting_is_named_by_its_path(string key, string value, string expected)
    {
        (string Key, string Value)[] valid = [("Url", "nats://127.0.0.1"), ("Subject", "a.b")];
        var (_, errors) = Bind<NatsInputOptions>([.. valid.Where(v => v.Key != key), (key, value)]);
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void A_queue_group_with_a_stream_and_a_dotted_stream_name_are_refused()
    {
        var (_, errors) = Bind<NatsInputOptions>(("Url", "nats://127.0.0.1"), ("Stream", "S.1"), ("QueueGroup", "g"));
        Assert.Equal(
            [
                "Gateway:Inputs:in:Stream: 'S.1' is not a JetStream name: it must not contain '.'.",
                "Gateway:Inputs:in:QueueGroup: a queue group is for core NATS; with Stream, gateways share the work through the same Consumer. Remove QueueGroup.",
            ],
            errors);
    }

    [Theory]
    [InlineData("x.>", "Gateway:Inputs:in:Subject: 'x.>' has a wildcard ('>'); a message is published to one subject.")]
    [InlineData("x..{input}", "Gateway:Inputs:in:Subject: 'x..*' has an empty token (two dots, or a dot at the start or end).")]
    [InlineData("x.{nope}", "Gateway:Inputs:in:Subject: ")]
    public void A_sink_subject_that_cannot_be_published_to_is_refused(string subject, string expectedStart)
    {
        var (_, errors) = Bind<NatsSinkOptions>(("Url", "nats://127.0.0.1"), ("Subject", subject));
        Assert.StartsWith(expectedStart, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders.created", "orders.created")]
    [InlineData("orders.{input}", "orders.*")]
    [InlineData("orders.x{input}y.done", "orders.*.done")]
    [InlineData("r.{field:/a.b}.{meta:subject}", "r.*.*")]
    [InlineData("lit{{eral}}.{id}", "lit{eral}.*")]
    public void A_sink_stream_takes_every_subject_its_template_renders(string template, string expected)
        => Assert.Equal(expected, NatsNames.StreamSubjectOf(template));

    [Theory]
    [InlineData("Url", "amqp://127.0.0.1:5672/", "Queue", "", "Gateway:Inputs:in:Queue: a queue is required, for example \"orders\".")]
    [InlineData("Url", "http://127.0.0.1", "Queue", "q", "Gateway:Inputs:in:Url: 'http://127.0.0.1' is not an AMQP URL; use amqp://host:port/vhost or amqps://host:port/vhost.")]
    [InlineData("Url", "amqp://127.0.0.1", "Exchange", "", "Gateway:Inputs:in:Queue: a queue is required, for example \"orders\".")]
    public void A_bad_amqp_input_setting_is_named_by_its_path(string key1, string value1, string key2, string value2, string expected)
    {
        var (_, errors) = Bind<AmqpInputOptions>((key1, value1), (key2, value2));
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void An_amqp_sink_routes_to_its_queue_by_default_and_hides_credentials()
    {
        var (options, errors) = Bind<AmqpSinkOptions>(("Url", "amqp://user:secret@broker:5672/v"), ("Queue", "jobs"));
        Assert.Empty(errors);
        Assert.Equal("jobs", options!.EffectiveRoutingKey);
        Assert.Equal("amqp://broker:5672/v", options.DisplayUrl);
        Assert.Equal(["Gateway:Inputs:in:RoutingKey: a routing key or a queue is required, for example \"RoutingKey\": \"orders.{input}\" or \"Queue\": \"orders\"."], Bind<AmqpSinkOptions>(("Url", "amqp://h")).Errors);
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
