using System.Diagnostics;
using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Nats;

/// <summary>
/// Several instances and node failures on JetStream: a 3-node nats-server cluster that loses a node while 20,000
/// messages flow through the gateway, and two gateways sharing one durable consumer, one of them killed with
/// SIGKILL and never restarted: the other finishes its work. Nothing is lost; duplicates are counted and reported.
/// </summary>
public sealed class NatsScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 20_000;

    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [RequiresNatsServerFact]
    public async Task A_three_node_cluster_losing_a_node_while_20000_messages_flow_through_the_gateway_loses_none()
    {
        var cluster = await NatsServerProcess.StartClusterAsync(3, output);
        try
        {
            var urls = string.Join(",", cluster.Select(n => n.Url));
            await using (var client = await NatsTestClient.ConnectAsync(urls))
            {
                await client.CreateStreamAsync("FT_CLUSTER", "ft.cluster.*", replicas: 3);
            }

            await using var tcp = TcpCaptureServer.Start();
            await using var gateway = await GatewayProcess.StartAsync($$"""
                { "Gateway": {
                    "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                    "Inputs": {
                      "web": { "Type": "Http", "Path": "/in" },
                      "bus": { "Type": "Nats", "Url": "{{urls}}", "Stream": "FT_CLUSTER", "Subject": "ft.cluster.*", "AckWait": "00:00:05", "ReconnectDelay": "00:00:00.200" } },
                    "Sinks": {
                      "to-bus": { "Type": "Nats", "Url": "{{urls}}", "Stream": "FT_CLUSTER", "Subject": "ft.cluster.{input}", "Retry": { "Delay": "00:00:00.100", "MaxDelay": "00:00:01" } },
                      "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" } },
                    "Routes": {
                      "publish": { "Input": "web", "Sinks": [ "to-bus" ] },
                      "consume": { "Input": "bus", "Sinks": [ "out" ] } } } }
                """, output);
            await gateway.WaitForLogAsync("Input bus consuming stream FT_CLUSTER", Timeouts.Start);

            var clock = Stopwatch.StartNew();
            var acknowledged = new AcknowledgedNumbers();
            using var sendTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            const int Senders = 4;
            var sending = Enumerable.Range(0, Senders)
                .Select(i => new HttpSender("http", "/in", () => new GatewayTarget(1, gateway.HttpAddress, null), acknowledged)
                    .SendAsync(Enumerable.Range(0, Count).Where(n => n % Senders == i), sendTimeout.Token))
                .ToList();

            await Poll.UntilAsync(() => tcp.Lines.Count >= Count / 4, TimeSpan.FromMinutes(3), () => $"{tcp.Lines.Count} lines arrived");
            var killed = cluster[0];
            await killed.KillAsync();
            output.WriteLine($"killed {killed.Name} after {clock.Elapsed.TotalSeconds:0.0} s, {acknowledged.Count("http")} acknowledged, {tcp.Lines.Count} arrived");
            await Task.WhenAll(sending);

            var audit = new DeliveryAudit(acknowledged, ["http"], _deadLetters.Path);
            var arrived = audit.AddSink("out", () => tcp.Lines, l => Encoding.UTF8.GetBytes(l));
            var complete = await audit.WaitUntilCompleteAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(60));
            output.WriteLine($"after {clock.Elapsed.TotalSeconds:0.0} s: {audit.Describe()}");
            Assert.True(complete, audit.Describe());
            Assert.Equal(Count, arrived.Distinct("http"));
            Assert.Equal(0, audit.DeadLetters);
        }
        finally
        {
            foreach (var node in cluster)
            {
                await node.DisposeAsync();
            }
        }
    }

    [RequiresNatsServerFact]
    public async Task Two_gateways_on_one_durable_consumer_finish_all_messages_when_one_is_killed_with_sigkill()
    {
        await using var nats = await NatsServerProcess.StartAsync(output);
        await using var client = await NatsTestClient.ConnectAsync(nats.Url);
        await client.CreateStreamAsync("FT_SHARED", "ft.shared.*", replicas: 1);
        await using var tcp = TcpCaptureServer.Start();
        var config = $$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": { "bus": { "Type": "Nats", "Url": "{{nats.Url}}", "Stream": "FT_SHARED", "Consumer": "workers", "AckWait": "00:00:05", "MaxAckPending": 500 } },
                "Sinks": { "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" } },
                "Routes": { "consume": { "Input": "bus", "Sinks": [ "out" ] } } } }
            """;
        await using var first = await GatewayProcess.StartAsync(config, output);
        await using var second = await GatewayProcess.StartAsync(config, output);
        await first.WaitForLogAsync("Input bus consuming stream FT_SHARED", Timeouts.Start);
        await second.WaitForLogAsync("Input bus consuming stream FT_SHARED", Timeouts.Start);

        var acknowledged = new AcknowledgedNumbers();
        var publishing = Task.Run(async () =>
        {
            foreach (var chunk in Enumerable.Range(0, Count).Chunk(1000))
            {
                await client.PublishNumbersAsync("ft.shared.in", "js", chunk);
                acknowledged.AddRange("js", chunk);
            }
        });

        await Poll.UntilAsync(() => tcp.ConnectionLines.Count >= Count / 4, TimeSpan.FromMinutes(3), () => $"{tcp.ConnectionLines.Count} lines arrived");
        await first.KillAsync();
        output.WriteLine($"killed the first gateway after {acknowledged.Count("js")} published, {tcp.ConnectionLines.Count} arrived");
        await publishing;

        var audit = new DeliveryAudit(acknowledged, ["js"], _deadLetters.Path);
        var arrived = audit.AddSink("out", () => tcp.ConnectionLines, l => Encoding.UTF8.GetBytes(l));
        var complete = await audit.WaitUntilCompleteAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(60));
        output.WriteLine(audit.Describe());
        Assert.True(complete, audit.Describe());
        Assert.Equal(Count, arrived.Distinct("js"));
        Assert.False(second.HasExited);
    }
}
