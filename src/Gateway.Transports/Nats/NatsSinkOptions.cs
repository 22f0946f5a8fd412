using System.ComponentModel.DataAnnotations;
using Gateway.Core.Messages;
using Gateway.Core.Templates;

namespace Gateway.Transports.Nats;

/// <summary>
/// A <c>Nats</c> sink: publishes each message to a templated <see cref="Subject"/>. Without <see cref="Stream"/> a
/// send completes once the server has the messages (a PING answered after them); with <see cref="Stream"/> each
/// message is a JetStream publish that completes when the stream stored it, de-duplicated by the message id
/// (<c>Nats-Msg-Id</c>), so a send repeated after a crash is stored once.
/// </summary>
public sealed class NatsSinkOptions : NatsConnectionOptions
{
    /// <summary>
    /// The subject, a template: <c>orders.{input}</c>, <c>readings.{field:/site}</c>, ... A message whose subject
    /// renders empty, with whitespace or with wildcards is refused (dead-lettered, not retried).
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>
    /// The JetStream stream that stores the messages: publishes wait for its acknowledgement. When it does not exist
    /// it is created for <see cref="Subject"/>, each templated token of it as <c>*</c>.
    /// </summary>
    public string? Stream { get; set; }

    /// <summary>Which metadata entries become NATS headers (<c>true</c>, <c>false</c> = default, or a list of names).</summary>
    public ForwardedMetadata Headers { get; set; } = [];

    /// <summary>The parsed <see cref="Subject"/> (valid after validation).</summary>
    internal MessageTemplate SubjectTemplate => MessageTemplate.Parse(Subject!);

    /// <summary>True when publishes go to a JetStream stream.</summary>
    internal bool IsJetStream => !string.IsNullOrEmpty(Stream);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (string.IsNullOrEmpty(Subject))
        {
            yield return new ValidationResult("a subject is required, for example \"orders.{input}\".", [nameof(Subject)]);
        }
        else if (!MessageTemplate.TryParse(Subject, out var template, out var error))
        {
            yield return new ValidationResult(error, [nameof(Subject)]);
        }
        else if (template.IsConstant ? !NatsNames.TryValidateSubject(Subject, out var subjectError) : !NatsNames.TryValidateFilter(NatsNames.StreamSubjectOf(Subject), out subjectError))
        {
            yield return new ValidationResult(subjectError, [nameof(Subject)]);
        }

        if (Stream is not null && !NatsNames.TryValidateName(Stream, out var streamError))
        {
            yield return new ValidationResult(streamError, [nameof(Stream)]);
        }
    }
}
