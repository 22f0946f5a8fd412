using Gateway.Core.Formats;
using Gateway.Core.Messages;
using Gateway.Core.Routing;

namespace Gateway.Core.Delivery;

/// <summary>
/// Encodes canonical messages into one sink's format (a JSON sink costs nothing). A message that never became canonical
/// (a conversion failure on its way to the dead letters) keeps its body.
/// </summary>
internal sealed class SinkEncoder(DataFormat format, FormatOptions options, FormatRegistry formats)
{
    private readonly DataFormat _json = formats.Get(FormatNames.Json);
    private readonly bool _isJson = string.Equals(format.Name, FormatNames.Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="FormatReadException"/> when the record cannot be written in the sink's format.</summary>
    public OutgoingMessage Encode(Message message)
    {
        if (!message.IsCanonical)
        {
            return new OutgoingMessage(message, message.Body, message.Format);
        }

        var body = _isJson ? message.Body : FormatConverter.Convert(message.Body, _json, format, options, out _);
        return new OutgoingMessage(message, body, format.Name);
    }
}
