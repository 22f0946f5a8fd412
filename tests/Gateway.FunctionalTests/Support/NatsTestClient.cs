using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gateway.FunctionalTests.Support;

/// <summary>A NATS.Net client for tests: creates streams (retrying while a cluster elects its leader) and publishes numbered messages to JetStream.</summary>
public sealed class NatsTestClient : IAsyncDisposable
{
    private readonly NatsConnection connection;

    private NatsTestClient(NatsConnection connection)
    {
        this.connection = connection;
        JetStream = new NatsJSContext(connection);
    }

    public NatsJSContext JetStream { get; }

    /// <summary>Connects to <paramref name="url"/> (one server, or several separated by commas).</summary>
    public static async Task<NatsTestClient> ConnectAsync(string url)
    {
        var connection = new NatsConnection(NatsOpts.Default with { Url = url, Name = "gateway-ft", MaxReconnectRetry = -1 });
        await connection.ConnectAsync().AsTask().WaitAsync(Timeouts.Operation);
        return new NatsTestClient(connection);
    }

    /// <summary>Creates a file stream over <paramref name="subject"/> with <paramref name="replicas"/> copies, retrying until the cluster can.</summary>
    public async Task CreateStreamAsync(string name, string subject, int replicas)
    {
        var deadline = DateTime.UtcNow + Timeouts.Start;
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(Timeouts.Operation);
                await JetStream.CreateStreamAsync(new StreamConfig(name, [subject]) { NumReplicas = replicas, Storage = StreamConfigStorage.File }, timeout.Token);
                return;
            }
            catch (Exception ex) when ((ex is NatsException or OperationCanceledException) && DateTime.UtcNow < deadline)
            {
                // No meta leader yet (a cluster that just started): try again.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Publishes <c>{"src":SOURCE,"n":N}</c> for every number to <paramref name="subject"/>, up to <paramref name="window"/> acknowledgements outstanding.</summary>
    public async Task PublishNumbersAsync(string subject, string source, IEnumerable<int> numbers, int window = 200)
    {
        foreach (var chunk in numbers.Chunk(window))
        {
            await Task.WhenAll(chunk.Select(async n =>
            {
                var ack = await JetStream.PublishAsync(subject, Encoding.UTF8.GetBytes(new NumberedMessage(source, n).Json), opts: new NatsJSPubOpts { MsgId = $"{source}-{n}" });
                ack.EnsureSuccess();
            }));
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
