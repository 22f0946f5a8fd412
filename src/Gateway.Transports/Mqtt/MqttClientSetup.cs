using System.Security.Cryptography;
using System.Text;
using MQTTnet;

namespace Gateway.Transports.Mqtt;

/// <summary>Builds MQTTnet client options from the shared <see cref="MqttConnectionOptions"/>.</summary>
internal static class MqttClientSetup
{
    private const int ReadableClientIdLength = 64;

    /// <summary>
    /// A client id that stays the same across restarts of the same gateway on the same machine, so a persistent
    /// session is resumed: <c>gateway-MACHINE-ROLE-ID</c>, shortened with a stable hash when long.
    /// </summary>
    public static string DefaultClientId(string role, string id)
    {
        var raw = $"gateway-{Environment.MachineName}-{role}-{id}";
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var clean = builder.ToString();
        if (clean.Length <= ReadableClientIdLength)
        {
            return clean;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..12];
        return $"{clean[..(ReadableClientIdLength - 13)]}-{hash}";
    }

    public static MqttClientOptionsBuilder CreateBuilder(MqttConnectionOptions options, string clientId)
    {
        if (!MqttServerAddress.TryParse(options.Server, out var address, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(address.Host, address.Port)
            .WithTlsOptions(tls => ConfigureTls(tls, address, options.Tls))
            .WithClientId(clientId)
            .WithProtocolVersion(options.ProtocolVersion == MqttProtocolVersion.V311
                ? MQTTnet.Formatter.MqttProtocolVersion.V311
                : MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(options.ConnectTimeout)
            .WithKeepAlivePeriod(options.KeepAlive);
        if (!string.IsNullOrEmpty(options.Username) || options.Password is not null)
        {
            builder.WithCredentials(options.Username, options.Password);
        }

        return builder;
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder tls, MqttServerAddress address, Tls.TlsClientOptions? options)
    {
        tls.UseTls(address.UseTls);
        if (!address.UseTls || options is null)
        {
            return;
        }

        var roots = options.LoadCa();
        tls.WithTargetHost(string.IsNullOrEmpty(options.ServerName) ? address.Host : options.ServerName)
            .WithRevocationMode(System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck)
            .WithCertificateValidationHandler(args => options.Accepts(args.Certificate, args.Chain, args.SslPolicyErrors, roots));
        if (options.LoadCertificate() is { } certificate)
        {
            tls.WithClientCertificates([certificate]);
        }
    }

    public static MQTTnet.Protocol.MqttQualityOfServiceLevel ToMqttNet(this MqttQos qos) => (MQTTnet.Protocol.MqttQualityOfServiceLevel)(int)qos;

    /// <summary>Exponential backoff with full jitter between half and the whole of the doubled delay.</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(first.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter spreads reconnects; it needs no cryptographic randomness.
        var jittered = (ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }
}
