using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Nats;

/// <summary>
/// A real nats-server between two routes of one gateway: HTTP -> Nats sink -> nats-server -> Nats input -> TCP and
/// HTTP sinks, through core NATS and through a JetStream stream that the gateway creates itself.
/// </summary>
public sealed class NatsRoutingTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 300;

    private readonly TempDirectory _deadLetters = new("gateway-ft-dead-");

    public void Dispose() => _deadLetters.Dispose();

    [RequiresNatsServerFact]
    public Task Messages_posted_over_http_go_through_core_nats_to_a_tcp_sink_with_subject_and_headers() => RoundTripAsync(stream: null);

    [RequiresNatsServerFact]
    public Task Messages_posted_over_http_go_through_a_jetstream_stream_the_gateway_creates_to_a_tcp_sink() => RoundTripAsync(stream: "FT_ORDERS");

    private async Task RoundTripAsync(string? stream)
    {
        await using var nats = await NatsServerProcess.StartAsync(output);
        await using var tcp = TcpCaptureServer.Start();
        await using var seen = await HttpCaptureServer.StartAsync();
        var streamSetting = stream is null ? string.Empty : $"\"Stream\": \"{stream}\",";
        await using var gateway = await GatewayProcess.StartAsync($$"""
            { "Gateway": {
                "DeadLetters": { "Folder": {{GatewayConfig.Quote(_deadLetters.Path)}} },
                "Inputs": {
                  "web": { "Type": "Http", "Path": "/in" },
                  "bus": { "Type": "Nats", "Url": "{{nats.Url}}", {{streamSetting}} "Subject": "ft.orders.*" } },
                "Sinks": {
                  "to-bus": { "Type": "Nats", "Url": "{{nats.Url}}", {{streamSetting}} "Subject": "ft.orders.{input}", "Headers": [ "x-site" ] },
                  "out": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{tcp.Port}}, "Framing": "NewLine", "Format": "Ndjson" },
                  "seen": { "Type": "Http", "Url": "{{seen.Url("/seen/{meta:subject}/{header:x-site}")}}" } },
                "Routes": {
                  "publish": { "Input": "web", "Sinks": [ "to-bus" ] },
                  "consume": { "Input": "bus", "Sinks": [ "out", "seen" ] } } } }
            """, output);
        await gateway.WaitForLogAsync(stream is null ? "Input bus listening on" : "Input bus consuming stream", Timeouts.Start);

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
        Assert.Equal(Count, arrived.Distinct("http"));
        Assert.True(arrived.Contains("site", 0), audit.Describe());
        Assert.Equal("/seen/ft.orders.web/north", site.Single(r => r.BodyText.Contains("\"site\"", StringComparison.Ordinal)).Path);
        Assert.All(site.Where(r => !r.BodyText.Contains("\"site\"", StringComparison.Ordinal)), r => Assert.Equal("/seen/ft.orders.web/", r.Path));
        if (stream is not null)
        {
            await gateway.WaitForLogAsync($"created stream {stream} for subject ft.orders.\\*");
        }
    }
}
