using System.ComponentModel;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// Which metadata entries a sink sends as MQTT 5 user properties: <c>true</c> (or <c>"*"</c>) for all, <c>false</c>
/// (the default) for none, or a list of names (<c>[ "device", "content-type" ]</c>).
/// </summary>
[TypeConverter(typeof(MqttMetadataSelectionConverter))]
public sealed class MqttMetadataSelection : List<string>
{
    /// <summary>True when every metadata entry is selected.</summary>
    public bool All { get; init; }

    /// <summary>Whether the metadata entry <paramref name="name"/> is selected (names compare case-insensitively).</summary>
    public bool Includes(string name) => All || this.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when nothing is selected.</summary>
    public bool IsEmpty => !All && Count == 0;
}
