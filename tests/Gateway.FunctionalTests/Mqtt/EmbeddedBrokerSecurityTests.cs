using System.Diagnostics;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Support;
using Gateway.TestSupport;

namespace Gateway.FunctionalTests.Mqtt;

/// <summary>
/// The embedded broker's users, topic patterns and TLS listener, driven by the real mosquitto_pub and mosquitto_sub.
/// </summary>
public sealed class EmbeddedBrokerSecurityTests(ITestOutputHelper output) : IDisposable
{
    // printf '%s' device-secret | gateway hash-password --iterations 10000
    private const string DeviceHash = "$pbkdf2-sha256$v=1$i=10000$ZU8oEGFssxb+j4qQ8GvcfA$FNAjAVFvbpXlW/ELFuDas4Na4CKCSld5A4isktNkyIM";

    private static readonly string? Pub = ExternalPrograms.Find("mosquitto_pub");
    private static readonly string? Sub = ExternalPrograms.Find("mosquitto_sub");

    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [RequiresMosquittoFact]
    public async Task Mosquitto_clients_get_in_only_as_configured_users_and_only_to_their_topics_over_plain_and_tls()
    {
        Assert.True(Pub is not null && Sub is not null, "mosquitto_pub and mosquitto_sub are needed (apt-get install -y mosquitto-clients).");
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": { "MqttBroker": {
                "Enabled": true, "Host": "127.0.0.1", "Port": 0, "TlsPort": 0,
                "Tls": { "Certificate": { "Path": {{GatewayConfig.Quote(_certificates.ServerPath)}}, "KeyPath": {{GatewayConfig.Quote(_certificates.ServerKeyPath)}} } },
                "Users": [
                  { "Username": "device", "PasswordHash": "{{DeviceHash}}", "Publish": [ "plants/1/#" ] },
                  { "Username": "monitor", "Password": "monitor-secret", "Subscribe": [ "plants/#" ] } ] } } }
            """, output);
        var plain = (await gateway.BrokerEndpointAsync()).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tls = (await gateway.WaitForLogAsync(new Regex(@"MQTT broker listening on mqtts://127\.0\.0\.1:(?<port>\d+)"), Timeouts.Start)).Groups["port"].Value;

        // Every publish is retained, so the monitor that subscribes last sees whatever got through.
        var anonymous = await RunAsync(Pub!, "-p", plain, "-r", "-t", "plants/1/t", "-m", "anonymous");
        var wrongPassword = await RunAsync(Pub!, "-p", plain, "-u", "device", "-P", "monitor-secret", "-r", "-t", "plants/1/t", "-m", "wrong");
        var otherPlant = await RunAsync(Pub!, "-V", "mqttv5", "-q", "1", "-p", plain, "-u", "device", "-P", "device-secret", "-r", "-t", "plants/2/t", "-m", "other");
        var deviceSubscribes = await RunAsync(Sub!, "-p", plain, "-u", "device", "-P", "device-secret", "-t", "plants/#", "-C", "1", "-W", "5");
        var overTls = await RunAsync(Pub!, "-h", "localhost", "-p", tls, "--cafile", _certificates.CaPath, "-u", "device", "-P", "device-secret", "-q", "1", "-r", "-t", "plants/1/temperature", "-m", "21.5");
        var monitor = await RunAsync(Sub!, "-p", plain, "-u", "monitor", "-P", "monitor-secret", "-t", "plants/#", "-v", "-C", "5", "-W", "3");

        Assert.True(anonymous.ExitCode != 0 && anonymous.Text.Contains("Connection Refused", StringComparison.Ordinal), anonymous.Text);
        Assert.True(wrongPassword.ExitCode != 0 && wrongPassword.Text.Contains("Connection Refused", StringComparison.Ordinal), wrongPassword.Text);
        Assert.StartsWith("Warning: Publish 1 failed: Not authorized.", otherPlant.Text, StringComparison.Ordinal);
        Assert.Contains("All subscription requests were denied", deviceSubscribes.Text, StringComparison.Ordinal);
        Assert.True(overTls.ExitCode == 0, overTls.Text);
        Assert.Equal("plants/1/temperature 21.5\nTimed out", monitor.Text); // -W 3 ends it: nothing else was retained
        await gateway.WaitForLogAsync("MQTT broker refused the login from", Timeouts.Operation);
    }

    /// <summary>
    /// A mosquitto client for 127.0.0.1 (a later -h wins) with a client id of its own: MQTTnet refuses MQTT 3.1.1
    /// clients without one.
    /// </summary>
    private static ProcessStartInfo Client(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program);
        start.ArgumentList.Add("-h");
        start.ArgumentList.Add("127.0.0.1");
        if (!arguments.Contains("-i"))
        {
            start.ArgumentList.Add("-i");
            start.ArgumentList.Add($"test-{Guid.NewGuid():N}");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task<(int ExitCode, string Text)> RunAsync(string program, params string[] arguments)
    {
        await using var child = ChildProcess.Start(Client(program, arguments));
        var code = await child.WaitForExitAsync(Timeouts.Operation);
        var text = string.Join('\n', child.Output.Lines);
        output.WriteLine($"{Path.GetFileName(program)} {string.Join(' ', arguments)} -> {code}: {text}");
        return (code, text);
    }
}
