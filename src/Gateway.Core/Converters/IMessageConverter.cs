using Gateway.Core.Messages;

namespace Gateway.Core.Converters;

/// <summary>
/// One pipeline step. It receives a message and adds zero (filtered out), one (transformed) or several (split)
/// messages to <c>output</c>. Steps are built once per pipeline from their options and must be thread-safe.
/// </summary>
public interface IMessageConverter
{
    /// <summary>
    /// True (the default) when the step works on the canonical JSON form; the pipeline decodes the body first.
    /// False for steps that look at the body as it arrived (an XSD validation of an XML body, say).
    /// </summary>
    bool RequiresCanonical => true;

    /// <summary>Converts <paramref name="message"/>. Throws <see cref="ConverterException"/> when it cannot.</summary>
    void Convert(Message message, ICollection<Message> output);
}
