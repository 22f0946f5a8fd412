namespace Gateway.Transports.Mqtt;

/// <summary>
/// One account of the embedded broker (<c>Gateway:MqttBroker:Users</c>): <c>{ "Username": "plc-1", "PasswordHash":
/// "$pbkdf2-sha256$v=1$...", "Publish": [ "plants/1/#" ], "Subscribe": [ "commands/plc-1/#" ] }</c>. The patterns are
/// MQTT topic filters; a user may publish to a topic one of its <see cref="Publish"/> patterns matches and subscribe to
/// a filter that one of its <see cref="Subscribe"/> patterns covers. No pattern means nothing is allowed.
/// </summary>
public sealed class MqttBrokerUser
{
    public string? Username { get; set; }

    /// <summary>The password in clear text; prefer <see cref="PasswordHash"/>.</summary>
    public string? Password { get; set; }

    /// <summary>The password as printed by <c>gateway hash-password</c> (PBKDF2-SHA256).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Topic filters the user may publish to (<c>sensors/plc-1/#</c>, <c>+/status</c>, <c>#</c> for any).</summary>
    public List<string> Publish { get; set; } = [];

    /// <summary>Topic filters the user may subscribe within (a subscription to <c>a/+/c</c> is within <c>a/#</c>).</summary>
    public List<string> Subscribe { get; set; } = [];
}
