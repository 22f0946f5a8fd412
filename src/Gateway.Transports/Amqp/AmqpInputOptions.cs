using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Amqp;

/// <summary>
/// An <c>Amqp</c> input: consumes <see cref="Queue"/> with manual acknowledgement, each message acknowledged only
/// once every sink of its routes took it or dead-lettered it, with at most <see cref="Prefetch"/> unacknowledged.
/// A queue that does not exist is declared (durable); with <see cref="Exchange"/> it is bound to that exchange.
/// </summary>
public sealed class AmqpInputOptions : AmqpConnectionOptions
{
    /// <summary>The queue to consume. Several gateways on one queue share its messages.</summary>
    public string? Queue { get; set; }

    /// <summary>When set, the queue is bound to this exchange with <see cref="RoutingKey"/> (a durable topic exchange is declared when it does not exist).</summary>
    public string? Exchange { get; set; }

    /// <summary>The binding key with <see cref="Exchange"/>; default <c>#</c> (everything, on a topic exchange).</summary>
    public string RoutingKey { get; set; } = "#";

    /// <summary>How many delivered messages may wait for their acknowledgement (the channel's prefetch count); default 100.</summary>
    [Range(1, 65535)]
    public int Prefetch { get; set; } = 100;

    /// <summary>The first delay before reconnecting after a failure; it doubles on each failure up to 30 seconds.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (string.IsNullOrEmpty(Queue))
        {
            yield return new ValidationResult("a queue is required, for example \"orders\".", [nameof(Queue)]);
        }
        else if (Queue.Length > 255)
        {
            yield return new ValidationResult("an AMQP queue name has at most 255 characters.", [nameof(Queue)]);
        }

        if (Exchange is { Length: 0 })
        {
            yield return new ValidationResult("the default exchange (\"\") delivers to the queue of the same name already; remove Exchange.", [nameof(Exchange)]);
        }

        if (ReconnectDelay <= TimeSpan.Zero || ReconnectDelay > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be more than 00:00:00 and at most 00:10:00.", [nameof(ReconnectDelay)]);
        }
    }
}
