using Gateway.Core.Messages;
using RabbitMQ.Client;

namespace Gateway.Transports.Amqp;

/// <summary>A delivered message waiting for its acknowledgement on the channel that delivered it.</summary>
internal readonly record struct AmqpDelivery(Message Message, IChannel Channel, ulong Tag);
