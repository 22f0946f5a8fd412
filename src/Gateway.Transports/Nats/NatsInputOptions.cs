using System.ComponentModel.DataAnnotations;

namespace Gateway.Transports.Nats;

/// <summary>
/// A <c>Nats</c> input. Without <see cref="Stream"/> it subscribes to core NATS <see cref="Subject"/> (in
/// <see cref="QueueGroup"/> when set): at most once, nothing is acknowledged. With <see cref="Stream"/> it reads the
/// JetStream stream through the durable pull consumer <see cref="Consumer"/> and acknowledges each message only once
/// every sink of its routes took it or dead-lettered it, with at most <see cref="MaxAckPending"/> unacknowledged.
/// </summary>
public sealed class NatsInputOptions : NatsConnectionOptions
{
    /// <summary>
    /// The subject to subscribe to (<c>*</c> and <c>&gt;</c> wildcards allowed). With <see cref="Stream"/>: the consumer's
    /// filter, and the stream's subject when the stream does not exist yet; may be left out to read the whole stream.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>Core NATS: the queue group, so several gateways share the messages (each goes to one of them).</summary>
    public string? QueueGroup { get; set; }

    /// <summary>The JetStream stream to read; created with <see cref="Subject"/> when it does not exist.</summary>
    public string? Stream { get; set; }

    /// <summary>The durable consumer's name (with <see cref="Stream"/>); default <c>gateway-INPUTID</c>. Gateways with the same consumer share its messages.</summary>
    public string? Consumer { get; set; }

    /// <summary>JetStream: how many delivered messages may wait for their acknowledgement; default 1000.</summary>
    [Range(1, 1_000_000)]
    public int MaxAckPending { get; set; } = 1000;

    /// <summary>JetStream: how long the server waits for an acknowledgement before it delivers the message again (to any gateway of the consumer); default 30 s.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay before reconnecting after a failure; it doubles on each failure up to 30 seconds.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>True when the input reads a JetStream stream.</summary>
    internal bool IsJetStream => !string.IsNullOrEmpty(Stream);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if ((Subject is not null || !IsJetStream) && !NatsNames.TryValidateFilter(Subject, out var subjectError))
        {
            yield return new ValidationResult(subjectError, [nameof(Subject)]);
        }

        if (QueueGroup is not null && (QueueGroup.Length == 0 || QueueGroup.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult($"'{QueueGroup}' is not a queue group name: it must be non-empty without whitespace.", [nameof(QueueGroup)]);
        }

        if (Stream is not null && !NatsNames.TryValidateName(Stream, out var streamError))
        {
            yield return new ValidationResult(streamError, [nameof(Stream)]);
        }

        if (Consumer is not null && !NatsNames.TryValidateName(Consumer, out var consumerError))
        {
            yield return new ValidationResult(consumerError, [nameof(Consumer)]);
        }

        if (IsJetStream && QueueGroup is not null)
        {
            yield return new ValidationResult("a queue group is for core NATS; with Stream, gateways share the work through the same Consumer. Remove QueueGroup.", [nameof(QueueGroup)]);
        }

        if (!IsJetStream && Consumer is not null)
        {
            yield return new ValidationResult("a consumer reads a JetStream stream; set Stream too, or remove Consumer.", [nameof(Consumer)]);
        }

        if (AckWait < TimeSpan.FromSeconds(1) || AckWait > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("must be from 00:00:01 to 1.00:00:00.", [nameof(AckWait)]);
        }

        if (ReconnectDelay <= TimeSpan.Zero || ReconnectDelay > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be more than 00:00:00 and at most 00:10:00.", [nameof(ReconnectDelay)]);
        }
    }
}
