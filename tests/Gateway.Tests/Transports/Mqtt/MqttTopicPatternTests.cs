using Gateway.Transports.Mqtt;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>The topic matching behind the embedded broker's per-user publish and subscribe patterns.</summary>
public class MqttTopicPatternTests
{
    [Theory]
    [InlineData("plants/1/#", "plants/1/line/3", true)]
    [InlineData("plants/1/#", "plants/1", true)]
    [InlineData("plants/1/#", "plants/2/line", false)]
    [InlineData("plants/+/status", "plants/7/status", true)]
    [InlineData("plants/+/status", "plants/7/8/status", false)]
    [InlineData("#", "anything/at/all", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/x", "$SYS/x", false)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/bc", false)]
    public void A_publish_pattern_matches_topic_names(string pattern, string topic, bool expected)
        => Assert.Equal(expected, MqttTopics.Matches(pattern, topic));

    [Theory]
    [InlineData("a/+/c", "a/#", true)]
    [InlineData("a/+/c", "+/+/c", true)]
    [InlineData("a/#", "#", true)]
    [InlineData("a/#", "a/+", false)]
    [InlineData("a/+", "a/b", false)]
    [InlineData("a/b", "a/+", true)]
    [InlineData("#", "a/#", false)]
    [InlineData("$share/group/a/b", "a/+", true)]
    [InlineData("$share/group/x/b", "a/+", false)]
    [InlineData("commands/plc-1/#", "commands/plc-1/#", true)]
    public void A_subscription_is_allowed_only_within_a_subscribe_pattern(string requested, string pattern, bool expected)
        => Assert.Equal(expected, MqttTopics.Within(requested, pattern));
}
