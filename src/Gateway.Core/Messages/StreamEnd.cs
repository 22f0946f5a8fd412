namespace Gateway.Core.Messages;

/// <summary>
/// The end of a stream of messages that belong together (the records of one input file): the metadata
/// <see cref="Key"/> marks the stream's last message. Converters may drop or split that message, so after a route's
/// converters the mark stays on the last message that comes out of it only, and when none comes out (a filter dropped
/// it) the route stores an end marker in its place: an empty message that carries the mark and
/// <see cref="MarkerKey"/>. Only sinks that write whole streams (<see cref="Routing.IStreamSink"/>) receive markers;
/// the others never see them.
/// </summary>
public static class StreamEnd
{
    /// <summary>Metadata <c>file.last</c> = <c>true</c>: the last message of its stream.</summary>
    public const string Key = "file.last";

    /// <summary>Metadata <c>file.end</c> = <c>true</c>: an end marker, no message of its own.</summary>
    public const string MarkerKey = "file.end";

    /// <summary>True on a message that ends its stream (a marker included).</summary>
    public static bool IsLast(Message message)
        => message is { MetadataOrNull: { } metadata } && metadata.TryGetValue(Key, out var value) && value == "true";

    /// <summary>True on an end marker.</summary>
    public static bool IsMarker(Message message)
        => message is { MetadataOrNull: { } metadata } && metadata.ContainsKey(MarkerKey);

    /// <summary>
    /// When <paramref name="original"/> ends its stream: leaves the mark on the last of <paramref name="outputs"/> only
    /// (the parts of a split message all inherit it), or adds an end marker when that one lost it (or none is left).
    /// </summary>
    internal static void KeepOnLast(Message original, List<Message> outputs)
    {
        if (!IsLast(original))
        {
            return;
        }

        for (var i = 0; i < outputs.Count - 1; i++)
        {
            if (outputs[i].MetadataOrNull?.ContainsKey(Key) == true)
            {
                outputs[i].Metadata.Remove(Key);
            }
        }

        if (outputs.Count == 0 || !IsLast(outputs[^1]))
        {
            var marker = original.WithBody(ReadOnlyMemory<byte>.Empty, FormatNames.Json);
            marker.Metadata[Key] = "true";
            marker.Metadata[MarkerKey] = "true";
            outputs.Add(marker);
        }
    }
}
