using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>One message an <see cref="MqttTestClient"/> received.</summary>
public sealed record ReceivedMqttMessage(
    string Topic,
    byte[] Payload,
    int Qos,
    bool Retain,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The first v5 user property named <paramref name="name"/>, or null.</summary>
    public string? UserProperty(string name) =>
        UserProperties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value;
}
