using System.Buffers;
using System.Globalization;
using Gateway.Core.Messages;
using Gateway.Core.Templates;
using MQTTnet;
using MQTTnet.Packets;

namespace Gateway.Transports.Mqtt;

/// <summary>Turns a received MQTT message into a gateway <see cref="Message"/> with its metadata.</summary>
internal static class MqttReceivedMessages
{
    public static Message ToMessage(MqttApplicationMessage source, string format, string inputId)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (source.UserProperties is { } properties)
        {
            foreach (var property in properties)
            {
                var value = property.ReadValueAsString();
                metadata[property.Name] = metadata.TryGetValue(property.Name, out var earlier) ? $"{earlier}, {value}" : value;
            }
        }

        // The MQTT fields win over user properties of the same name.
        metadata[MessageTemplate.TopicMetadataKey] = source.Topic;
        metadata["qos"] = ((int)source.QualityOfServiceLevel).ToString(CultureInfo.InvariantCulture);
        metadata["retain"] = source.Retain ? "true" : "false";

        // ToArray copies: the payload lives in MQTTnet's buffers, the message outlives them.
        return new Message(source.Payload.ToArray(), format, inputId) { Metadata = metadata };
    }
}
