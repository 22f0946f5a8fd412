using System.Collections;
using System.Globalization;
using System.Text;
using Gateway.Core.Messages;
using RabbitMQ.Client;

namespace Gateway.Transports.Amqp;

/// <summary>Turns a delivered AMQP message into a gateway <see cref="Message"/>: headers become metadata, with the exchange and routing key.</summary>
internal static class AmqpReceivedMessages
{
    public const string RoutingKeyMetadataKey = "routing-key";

    public const string ExchangeMetadataKey = "exchange";

    /// <summary>Copies <paramref name="body"/>: the client reuses its buffer once the receive handler returns.</summary>
    public static Message ToMessage(string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string format, string inputId)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (properties.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                if (value is not null)
                {
                    metadata[name] = Text(value);
                }
            }
        }

        // The delivery's own fields win over headers of the same name.
        metadata[RoutingKeyMetadataKey] = routingKey;
        if (exchange.Length > 0)
        {
            metadata[ExchangeMetadataKey] = exchange;
        }

        // A message published by a gateway's Amqp sink keeps its id across the hop.
        var receivedAt = DateTimeOffset.UtcNow;
        var id = Guid.TryParse(properties.MessageId, out var known) ? known : MessageIds.NewId(receivedAt);
        return new Message(body.ToArray(), format, inputId) { Id = id, ReceivedAt = receivedAt, Metadata = metadata };
    }

    /// <summary>AMQP header values as text: strings arrive as UTF-8 bytes, lists as lists.</summary>
    private static string Text(object value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list and not string => string.Join(", ", list.Cast<object?>().Where(v => v is not null).Select(v => Text(v!))),
        _ => value.ToString() ?? string.Empty,
    };
}
