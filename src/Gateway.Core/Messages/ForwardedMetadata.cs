using System.ComponentModel;

namespace Gateway.Core.Messages;

/// <summary>
/// Which metadata entries a sink forwards with each message (MQTT 5 user properties, NATS or AMQP headers):
/// <c>true</c> (or <c>"*"</c>) for all, <c>false</c> (the default) for none, or a list of names
/// (<c>[ "device", "content-type" ]</c>).
/// </summary>
[TypeConverter(typeof(ForwardedMetadataConverter))]
public sealed class ForwardedMetadata : List<string>
{
    /// <summary>True when every metadata entry is selected.</summary>
    public bool All { get; init; }

    /// <summary>Whether the metadata entry <paramref name="name"/> is selected (names compare case-insensitively).</summary>
    public bool Includes(string name) => All || this.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when nothing is selected.</summary>
    public bool IsEmpty => !All && Count == 0;
}
