using System.Diagnostics.CodeAnalysis;

namespace Gateway.Transports.Mqtt;

/// <summary>A parsed <c>mqtt://host:port</c> or <c>mqtts://host:port</c> server address.</summary>
internal sealed record MqttServerAddress(string Host, int Port, bool UseTls)
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    public override string ToString() => $"{(UseTls ? "mqtts" : "mqtt")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out MqttServerAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a server address is required, for example mqtt://127.0.0.1:1883 or mqtts://broker.example.com:8883.";
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"'{text}' is not a server address; write mqtt://host:port or mqtts://host:port.";
            return false;
        }

        var useTls = uri.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => (bool?)null,
        };
        if (useTls is not { } tls)
        {
            error = $"'{text}' has the scheme '{uri.Scheme}'; use mqtt:// (plain TCP) or mqtts:// (TLS).";
            return false;
        }

        if (uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{text}' may hold only a host and a port (credentials go in Username and Password).";
            return false;
        }

        if (uri.Port == 0 || text.Contains('{', StringComparison.Ordinal))
        {
            error = $"'{text}' needs a real host and a port from 1 to 65535 (no placeholders).";
            return false;
        }

        var host = uri.Host.StartsWith('[') ? uri.Host[1..^1] : uri.Host;
        address = new MqttServerAddress(host, uri.Port > 0 ? uri.Port : tls ? DefaultTlsPort : DefaultPort, tls);
        error = null;
        return true;
    }
}
