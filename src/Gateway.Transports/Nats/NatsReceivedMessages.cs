using Gateway.Core.Messages;
using NATS.Client.Core;

namespace Gateway.Transports.Nats;

/// <summary>Turns a received NATS message into a gateway <see cref="Message"/>: headers become metadata, the subject the <c>subject</c> entry.</summary>
internal static class NatsReceivedMessages
{
    /// <summary>The metadata key holding the subject a message was received on.</summary>
    public const string SubjectMetadataKey = "subject";

    /// <summary>The JetStream de-duplication header; a gateway id in it becomes the message's id again.</summary>
    public const string MessageIdHeader = "Nats-Msg-Id";

    public static Message ToMessage(string subject, NatsHeaders? headers, byte[]? data, string format, string inputId)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Guid? id = null;
        if (headers is not null)
        {
            foreach (var (name, values) in headers)
            {
                if (string.Equals(name, MessageIdHeader, StringComparison.OrdinalIgnoreCase))
                {
                    // A message published by a gateway's Nats sink keeps its id across the hop, so receivers that
                    // drop duplicates by id see one message.
                    id = Guid.TryParse(values.ToString(), out var parsed) ? parsed : null;
                    continue;
                }

                metadata[name] = string.Join(", ", values.Where(v => v is not null));
            }
        }

        // The subject wins over a header of the same name.
        metadata[SubjectMetadataKey] = subject;
        var receivedAt = DateTimeOffset.UtcNow;
        return new Message(data ?? [], format, inputId) { Id = id ?? MessageIds.NewId(receivedAt), ReceivedAt = receivedAt, Metadata = metadata };
    }
}
