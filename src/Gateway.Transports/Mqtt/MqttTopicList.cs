using System.ComponentModel;

namespace Gateway.Transports.Mqtt;

/// <summary>
/// One or more topics: config accepts a single string (<c>"Topic": "a/+"</c>) as well as an array
/// (<c>"Topic": [ "a/+", "b/#" ]</c>); the plain binder would silently drop the single string for a list.
/// </summary>
[TypeConverter(typeof(MqttTopicListConverter))]
public sealed class MqttTopicList : List<string>
{
    public MqttTopicList()
    {
    }

    public MqttTopicList(IEnumerable<string> topics)
        : base(topics)
    {
    }
}
