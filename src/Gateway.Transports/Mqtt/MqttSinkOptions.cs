using System.ComponentModel.DataAnnotations;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Transports.Mqtt;

/// <summary>An <c>Mqtt</c> sink: publishes each message to a templated <see cref="Topic"/>.</summary>
public sealed class MqttSinkOptions : MqttConnectionOptions
{
    /// <summary>
    /// The topic, a template: <c>normalized/{input}/{topic[1]}</c>, <c>orders/{field:/customer/id}</c>, ...
    /// A message whose topic renders empty or with <c>+</c>/<c>#</c> is refused (dead-lettered, not retried).
    /// </summary>
    public string? Topic { get; set; }

    /// <summary>The publish QoS (0, 1 or 2); default 1: a send completes when the broker acknowledged it.</summary>
    public MqttQos Qos { get; set; } = MqttQos.AtLeastOnce;

    /// <summary>Publish with the retain flag, so the broker keeps the last message per topic for new subscribers.</summary>
    public bool Retain { get; set; }

    /// <summary>
    /// How many publishes of a batch (the messages waiting for this sink) may wait for their acknowledgement at once.
    /// 1 (the default) publishes one after another. More is faster against brokers that send acknowledgements without
    /// delay (mosquitto with <c>set_tcp_nodelay true</c>, EMQX, HiveMQ) and slower against a default mosquitto, whose
    /// small acknowledgements wait on Nagle's algorithm.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int PublishWindow { get; set; } = 1;

    /// <summary>MQTT 5: which metadata entries become user properties (<c>true</c>, <c>false</c> = default, or a list of names).</summary>
    public ForwardedMetadata UserProperties { get; set; } = [];

    /// <summary>The parsed <see cref="Topic"/> (valid after validation).</summary>
    internal MessageTemplate TopicTemplate => MessageTemplate.Parse(Topic!);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (string.IsNullOrEmpty(Topic))
        {
            yield return new ValidationResult("a topic is required, for example \"normalized/{input}/{topic[1]}\".", [nameof(Topic)]);
        }
        else if (!MessageTemplate.TryParse(Topic, out var template, out var error))
        {
            yield return new ValidationResult(error, [nameof(Topic)]);
        }
        else if (template.IsConstant && !MqttTopics.TryValidateName(template.Render(new Core.Messages.Message(default, "Json")), out var topicError))
        {
            yield return new ValidationResult(topicError, [nameof(Topic)]);
        }

        if (ValidateQos(Qos, nameof(Qos)) is { } qosError)
        {
            yield return qosError;
        }

        if (!UserProperties.IsEmpty && ProtocolVersion == MqttProtocolVersion.V311)
        {
            yield return new ValidationResult("user properties need MQTT 5; set ProtocolVersion to V500 or remove UserProperties.", [nameof(UserProperties)]);
        }
    }
}
