namespace Gateway.Core.Routing;

/// <summary>
/// A sink that writes the messages of a stream (the records of one input file, see
/// <see cref="Messages.StreamEnd"/>) as one whole and encodes them itself: the engine hands it each message in its
/// canonical form without encoding it (<see cref="OutgoingMessage.Body"/> is the canonical body), and also the end
/// markers that stand for a last message a converter dropped (<see cref="Messages.StreamEnd.IsMarker"/>).
/// </summary>
public interface IStreamSink : IBatchMessageSink
{
}
