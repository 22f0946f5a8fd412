using System.Diagnostics;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Durability;

/// <summary>
/// Conservation under kill -9: whatever an input acknowledged (HTTP 202, the TCP half-close handshake, a PUBACK from
/// the broker in front of a persistent session) reaches every sink, or the dead letters, however often the gateway
/// is killed in between. Duplicates are allowed (at least once) and only reported.
/// </summary>
public sealed class CrashConservationTests(ITestOutputHelper output) : IDisposable
{
    private const int PerInput = 20_000;
    private const int KillCount = 10;
    private const int HttpSenders = 4;
    private const int TcpSenders = 2;
    private const int TcpBatch = 250;
    private const int MqttSenders = 2;
    private const int MqttWindow = 25;

    private static readonly string[] Sources = ["http", "tcp", "mqtt"];

    /// <summary>Until every message was sent and acknowledged, kills and restarts included.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _work = new("gateway-ft-work-");
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose()
    {
        _work.Dispose();
        _deadLetters.Dispose();
    }

    [RequiresMosquittoFact]
    public async Task Every_acknowledged_message_of_every_input_reaches_every_sink_across_ten_kill_9_restarts()
    {
        var clock = Stopwatch.StartNew();
        var seed = Environment.TickCount;
        output.WriteLine($"random seed {seed}");
#pragma warning disable CA5394 // Test timing, not security: the seed is printed so a run can be repeated.
        var random = new Random(seed);

        // The broker stays up for the whole test. It must not drop what it queues for a session that is away (the
        // gateway, while it restarts) or slow to acknowledge (the test's subscriber): no queue limit.
        await using var broker = await MosquittoProcess.StartAsync(output, ["max_queued_messages 0", "set_tcp_nodelay true"]);
        await using var httpSink = await HttpCaptureServer.StartAsync();
        await using var tcpSink = TcpCaptureServer.Start();
        await using var mqttSink = await MqttTestClient.ConnectAsync(broker.Port);
        await mqttSink.SubscribeAsync("ft/out/#");
        await using var gateway = await CrashingGateway.StartAsync(
            new GatewayStartOptions { ConfigJson = Config(broker, httpSink, tcpSink), WorkingDirectory = _work.Path, Log = output },
            tcpInputId: "tcp");
        await gateway.Process.WaitForLogAsync("Input mqtt listening on", Timeouts.Start);

        var acknowledged = new AcknowledgedNumbers();
        var http = Enumerable.Range(0, HttpSenders).Select(_ => new HttpSender("http", "/in", () => gateway.Current, acknowledged)).ToList();
        var tcp = Enumerable.Range(0, TcpSenders).Select(_ => new TcpBatchSender("tcp", gateway, acknowledged, TcpBatch)).ToList();
        var mqtt = Enumerable.Range(0, MqttSenders).Select(i => new MqttSender("mqtt", broker.Port, $"ft/in/{i}", acknowledged, MqttWindow)).ToList();

        // The broker acknowledges MQTT publishes whether the gateway is up or not; held to the pace of the other two
        // inputs, they keep arriving during the whole run instead of being all queued before the first kill.
        bool MqttMayPublish() => acknowledged.Count("mqtt") <= Math.Min(acknowledged.Count("http"), acknowledged.Count("tcp")) + 1000;

        using var sendTimeout = new CancellationTokenSource(SendTimeout);
        List<Task> sending =
        [
            .. http.Select((s, i) => s.SendAsync(Slice(i, HttpSenders), sendTimeout.Token)),
            .. tcp.Select((s, i) => s.SendAsync(Slice(i, TcpSenders), sendTimeout.Token)),
            .. mqtt.Select((s, i) => s.SendAsync(Slice(i, MqttSenders), MqttMayPublish, sendTimeout.Token)),
        ];

        var progress = new List<string>();
        using var stopProgress = new CancellationTokenSource();
        var reporting = ReportProgressAsync(progress, clock, acknowledged, httpSink, tcpSink, mqttSink, stopProgress.Token);
        // Ten kills at random points of the sending, measured by what the gateway itself acknowledged (HTTP and TCP),
        // each after the incarnation had a random time of its own to work (a gateway killed while it is still
        // starting would see little of the traffic).
        var killPoints = Enumerable.Range(0, KillCount).Select(_ => (int)(2 * PerInput * (0.03 + (0.87 * random.NextDouble())))).Order().ToList();
        var kills = new List<string>();
        TimeSpan sent;
        try
        {
            var up = Stopwatch.StartNew();
            foreach (var point in killPoints)
            {
                var uptime = TimeSpan.FromMilliseconds(random.Next(1000, 2500));
                await Poll.UntilAsync(
                    () => (acknowledged.Count("http") + acknowledged.Count("tcp") >= point && up.Elapsed >= uptime) || sending.All(t => t.IsCompleted) || sending.Any(t => t.IsFaulted),
                    SendTimeout,
                    () => $"the senders did not reach kill point {point}: {acknowledged.Count("http")} http, {acknowledged.Count("tcp")} tcp acknowledged.");
                var at = $"{acknowledged.Count("http")} http / {acknowledged.Count("tcp")} tcp / {acknowledged.Count("mqtt")} mqtt acknowledged";
                var upFor = up.Elapsed;
                var restart = Stopwatch.StartNew();
                await gateway.KillAndRestartAsync();
                up.Restart();
                kills.Add($"kill {gateway.Kills} at {clock.Elapsed.TotalSeconds:0.0} s after {upFor.TotalSeconds:0.0} s up, {at}; up again after {restart.ElapsedMilliseconds} ms");
            }

            await Task.WhenAll(sending);
            sent = clock.Elapsed;
        }
        finally
        {
            // Whatever failed, no sender outlives the test; what happened until then is in its output.
            await sendTimeout.CancelAsync();
            await stopProgress.CancelAsync();
            await Task.WhenAll([.. sending, reporting]).ContinueWith(_ => { }, TaskScheduler.Default);
            output.WriteLine(string.Join('\n', progress));
            output.WriteLine(string.Join('\n', kills));
            output.WriteLine(string.Join('\n', gateway.History));
            output.WriteLine($"http senders: {http.Sum(s => s.Retries)} retries, slowest answer {http.Max(s => s.Slowest).TotalMilliseconds:0} ms; outcomes {Outcomes(http)}");
            output.WriteLine($"tcp senders: {tcp.Sum(s => s.Batches)} batches acknowledged, {tcp.Sum(s => s.Resent)} resent ({tcp.Sum(s => s.Untrusted)} of them after an end of stream that came after a kill)");
            output.WriteLine($"mqtt senders: {mqtt.Sum(s => s.Retries)} retries");
        }
#pragma warning restore CA5394

        var audit = new DeliveryAudit(acknowledged, Sources, _deadLetters.Path);
        audit.AddSink("http", () => httpSink.Accepted, r => r.Body);
        audit.AddSink("tcp", () => tcpSink.ConnectionLines, l => System.Text.Encoding.UTF8.GetBytes(l));
        audit.AddSink("mqtt", () => mqttSink.Received, m => m.Payload);
        var complete = await audit.WaitUntilCompleteAsync(timeout: TimeSpan.FromSeconds(60), stall: TimeSpan.FromSeconds(10));

        output.WriteLine($"sent in {sent.TotalSeconds:0.0} s, checked at {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"tcp sink: {tcpSink.ConnectionsAccepted} connections, {tcpSink.UnfinishedLines} ended in the middle of a line");
        output.WriteLine(audit.Describe());

        Assert.Equal(KillCount, gateway.Kills);
        Assert.All(Sources, source => Assert.Equal(PerInput, acknowledged.Count(source)));
        Assert.True(complete, $"{audit.TotalLost()} acknowledged messages lost:\n{audit.Describe()}");
    }

    private static async Task ReportProgressAsync(List<string> progress, Stopwatch clock, AcknowledgedNumbers acknowledged, HttpCaptureServer httpSink, TcpCaptureServer tcpSink, MqttTestClient mqttSink, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(2000, cancellationToken);
                progress.Add($"{clock.Elapsed.TotalSeconds:0.0} s: acknowledged {acknowledged.Count("http")} http, {acknowledged.Count("tcp")} tcp, {acknowledged.Count("mqtt")} mqtt; arrived {httpSink.Requests.Count} http, {tcpSink.ConnectionLines.Count} tcp, {mqttSink.Received.Count} mqtt");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The numbers sender <paramref name="index"/> of <paramref name="count"/> sends: one contiguous share of 0..PerInput-1.</summary>
    private static IEnumerable<int> Slice(int index, int count)
    {
        var size = (PerInput + count - 1) / count;
        return Enumerable.Range(index * size, Math.Min(size, PerInput - (index * size)));
    }

    private static string Outcomes(IEnumerable<HttpSender> senders) => string.Join(", ", senders
        .SelectMany(s => s.Outcomes)
        .GroupBy(o => o.Key, o => o.Value)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key}: {g.Sum()}"));

    private string Config(MosquittoProcess broker, HttpCaptureServer httpSink, TcpCaptureServer tcpSink) => $$"""
        { "Gateway": {
            "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
            "Inputs": {
              "http": { "Type": "Http", "Path": "/in" },
              "tcp": { "Type": "Tcp", "Port": 0, "Framing": "NewLine", "Format": "Ndjson" },
              "mqtt": { "Type": "Mqtt", "Server": "{{broker.Server}}", "Topic": "ft/in/#", "Qos": 1, "Format": "Json",
                        "ClientId": "ft-durable-{{Guid.NewGuid().ToString("N")[..10]}}", "CleanSession": false, "SessionExpiry": "01:00:00" } },
            "Sinks": {
              "http": { "Type": "Http", "Url": "{{httpSink.Url("/out")}}" },
              "tcp": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcpSink.Port}}, "Framing": "NewLine", "Format": "Ndjson" },
              "mqtt": { "Type": "Mqtt", "Server": "{{broker.Server}}", "Topic": "ft/out/{input}", "Qos": 1 } },
            "Routes": {
              "from-http": { "Input": "http", "Sinks": [ "http", "tcp", "mqtt" ] },
              "from-tcp": { "Input": "tcp", "Sinks": [ "http", "tcp", "mqtt" ] },
              "from-mqtt": { "Input": "mqtt", "Sinks": [ "http", "tcp", "mqtt" ] } } } }
        """;
}
