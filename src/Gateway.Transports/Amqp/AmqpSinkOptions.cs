using System.ComponentModel.DataAnnotations;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Transports.Amqp;

/// <summary>
/// An <c>Amqp</c> sink: publishes each message, persistent and mandatory, to <see cref="Exchange"/> with a templated
/// <see cref="RoutingKey"/>; a send completes when the broker confirmed it (publisher confirms). A message that no
/// queue takes is returned by the broker and refused (dead-lettered), never dropped silently.
/// </summary>
public sealed class AmqpSinkOptions : AmqpConnectionOptions
{
    /// <summary>The exchange to publish to; default <c>""</c>, the default exchange, which routes by queue name.</summary>
    public string Exchange { get; set; } = string.Empty;

    /// <summary>
    /// The routing key, a template: <c>orders.{input}</c>, <c>{field:/region}</c>, ... Default: <see cref="Queue"/>
    /// (with the default exchange, the message goes to that queue).
    /// </summary>
    public string? RoutingKey { get; set; }

    /// <summary>
    /// A queue declared (durable) when it does not exist, and bound to <see cref="Exchange"/> with
    /// <see cref="RoutingKey"/> (<c>#</c> when that is templated) unless the exchange is the default one.
    /// </summary>
    public string? Queue { get; set; }

    /// <summary>Which metadata entries become AMQP headers (<c>true</c>, <c>false</c> = default, or a list of names).</summary>
    public ForwardedMetadata Headers { get; set; } = [];

    /// <summary>The routing key as given, or the queue's name.</summary>
    internal string EffectiveRoutingKey => RoutingKey ?? Queue ?? string.Empty;

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (RoutingKey is null && string.IsNullOrEmpty(Queue))
        {
            yield return new ValidationResult("a routing key or a queue is required, for example \"RoutingKey\": \"orders.{input}\" or \"Queue\": \"orders\".", [nameof(RoutingKey)]);
        }
        else if (!MessageTemplate.TryParse(EffectiveRoutingKey, out _, out var error))
        {
            yield return new ValidationResult(error, [nameof(RoutingKey)]);
        }

        if (Queue is { Length: > 255 } || EffectiveRoutingKey.Length > 255 || Exchange.Length > 255)
        {
            yield return new ValidationResult("AMQP names and routing keys have at most 255 characters.", [Queue is { Length: > 255 } ? nameof(Queue) : Exchange.Length > 255 ? nameof(Exchange) : nameof(RoutingKey)]);
        }
    }
}
