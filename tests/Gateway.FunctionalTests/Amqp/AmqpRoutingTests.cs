using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Amqp;

/// <summary>
/// A real RabbitMQ (one node for the class) between two routes of one gateway: HTTP -> Amqp sink -> RabbitMQ ->
/// Amqp input -> TCP and HTTP sinks; and the broker killed and restarted while messages flow, with nothing lost.
/// </summary>
public sealed class AmqpRoutingTests(RabbitMqFixture rabbit, ITestOutputHelper output) : IClassFixture<RabbitMqFixture>, IDisposable
{
    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [RequiresRabbitMqFact]
    public async Task Messages_posted_over_http_go_through_a_topic_exchange_and_a_queue_to_a_tcp_sink_with_routing_key_and_headers()
    {
        const int Count = 300;
        var broker = await rabbit.GetAsync();
        await using var tcp = TcpCaptureServer.Start();
        await using var seen = await HttpCaptureServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": {
                  "web": { "Type": "Http", "Path": "/in" },
                  "bus": { "Type": "Amqp", "Url": "{{broker.Url}}", "Queue": "ft-roundtrip", "Exchange": "ft.events", "RoutingKey": "orders.*" } },
                "Sinks": {
                  "to-bus": { "Type": "Amqp", "Url": "{{broker.Url}}", "Exchange": "ft.events", "RoutingKey": "orders.{input}", "Headers": [ "x-site" ] },
                  "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" },
                  "seen": { "Type": "Http", "Url": "{{seen.Url("/seen/{meta:routing-key}/{header:x-site}")}}" } },
                "Routes": {
                  "publish": { "Input": "web", "Sinks": [ "to-bus" ] },
                  "consume": { "Input": "bus", "Sinks": [ "out", "seen" ] } } } }
            """, output);
        await gateway.WaitForLogAsync("Input bus consuming queue ft-roundtrip", Timeouts.Start);

        using (var first = new StringContent(new NumberedMessage("site", 0).Json, Encoding.UTF8, "application/json"))
        {
            first.Headers.Add("X-Site", "north");
            using var answer = await gateway.Http.PostAsync(new Uri("/in", UriKind.Relative), first);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, answer.StatusCode);
        }

        var acknowledged = new AcknowledgedNumbers();
        await new HttpSender("http", "/in", () => new GatewayTarget(1, gateway.HttpAddress, null), acknowledged).SendAsync(Enumerable.Range(1, Count), CancellationToken.None);

        var audit = new DeliveryAudit(acknowledged, ["http"], _deadLetters.Path);
        var arrived = audit.AddSink("out", () => tcp.Lines, l => Encoding.UTF8.GetBytes(l));
        Assert.True(await audit.WaitUntilCompleteAsync(Timeouts.Delivery * 3, Timeouts.Delivery), audit.Describe());
        var site = await seen.WaitForAcceptedAsync(Count + 1);

        Assert.Equal(0, audit.DeadLetters);
        Assert.Equal(0, arrived.Duplicates("http"));
        Assert.True(arrived.Contains("site", 0), audit.Describe());
        Assert.Equal("/seen/orders.web/north", site.Single(r => r.BodyText.Contains("\"site\"", StringComparison.Ordinal)).Path);
        Assert.All(site.Where(r => !r.BodyText.Contains("\"site\"", StringComparison.Ordinal)), r => Assert.Equal("/seen/orders.web/", r.Path));
    }

    [RequiresRabbitMqFact]
    public async Task A_broker_killed_and_restarted_while_messages_flow_loses_none_of_them()
    {
        const int Count = 3000;
        const int Senders = 2;
        var broker = await rabbit.GetAsync();
        await using var tcp = TcpCaptureServer.Start();
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": {
                  "web": { "Type": "Http", "Path": "/in" },
                  "bus": { "Type": "Amqp", "Url": "{{broker.Url}}", "Queue": "ft-restart", "ReconnectDelay": "00:00:00.200" } },
                "Sinks": {
                  "to-bus": { "Type": "Amqp", "Url": "{{broker.Url}}", "Queue": "ft-restart", "Retry": { "Delay": "00:00:00.100", "MaxDelay": "00:00:01" } },
                  "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" } },
                "Routes": {
                  "publish": { "Input": "web", "Sinks": [ "to-bus" ] },
                  "consume": { "Input": "bus", "Sinks": [ "out" ] } } } }
            """, output);
        await gateway.WaitForLogAsync("Input bus consuming queue ft-restart", Timeouts.Start);

        var acknowledged = new AcknowledgedNumbers();
        using var sendTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var sending = Enumerable.Range(0, Senders)
            .Select(i => new HttpSender("http", "/in", () => new GatewayTarget(1, gateway.HttpAddress, null), acknowledged)
                .SendAsync(Enumerable.Range(0, Count).Where(n => n % Senders == i), sendTimeout.Token))
            .ToList();
        var audit = new DeliveryAudit(acknowledged, ["http"], _deadLetters.Path);
        var arrived = audit.AddSink("out", () => tcp.Lines, l => Encoding.UTF8.GetBytes(l));

        // Kill once messages are flowing all the way through, and start again while the senders go on.
        await Poll.UntilAsync(() => tcp.Lines.Count >= Count / 5, TimeSpan.FromMinutes(2), () => $"{tcp.Lines.Count} lines arrived");
        var beforeKill = gateway.Output.Count;
        await broker.KillAsync();
        var killedAt = acknowledged.Count("http");
        await broker.RestartAsync();
        await gateway.WaitForLogAsync("Input bus consuming queue ft-restart", Timeouts.Start, from: beforeKill);
        await Task.WhenAll(sending);

        var complete = await audit.WaitUntilCompleteAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(60));
        output.WriteLine($"killed the broker after {killedAt} acknowledged; {audit.Describe()}");
        Assert.True(complete, audit.Describe());
        Assert.Equal(0, audit.DeadLetters);
        Assert.Equal(Count, arrived.Distinct("http"));
        Assert.True(killedAt < Count, $"the broker was killed after the last message was acknowledged ({killedAt})");
    }
}
