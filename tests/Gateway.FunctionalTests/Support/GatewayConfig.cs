using System.Text.Json;

namespace Gateway.FunctionalTests.Support;

/// <summary>Builds configuration files for <see cref="GatewayProcess"/> from C# objects.</summary>
public static class GatewayConfig
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// <c>{ "Gateway": gateway }</c> as JSON. Anonymous objects and dictionaries (for ids) both work:
    /// <c>Create(new { MqttBroker = new { Enabled = false }, Inputs = new Dictionary&lt;string, object&gt; { ["in"] = ... } })</c>.
    /// </summary>
    public static string Create(object gateway) => JsonSerializer.Serialize(new { Gateway = gateway }, Indented);

    /// <summary><paramref name="text"/> as a JSON string literal, quotes included (for paths in raw-string configurations).</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);
}
