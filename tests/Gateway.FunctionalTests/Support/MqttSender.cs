using MQTTnet.Exceptions;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Publishes numbered messages (<see cref="NumberedMessage"/>) with QoS 1 to a broker, <c>window</c> at a time, and
/// records each one the broker acknowledged (PUBACK) in <see cref="AcknowledgedNumbers"/>; the broker is then
/// responsible for handing it to the gateway's persistent session. A publish that failed is sent again on a new
/// connection.
/// </summary>
public sealed class MqttSender(string source, int brokerPort, string topic, AcknowledgedNumbers acknowledged, int window)
{
    private int retries;

    /// <summary>Publishes that failed and were sent again.</summary>
    public int Retries => Volatile.Read(ref retries);

    /// <summary>
    /// Publishes every number of <paramref name="numbers"/> until the broker acknowledged it. Before each window it waits
    /// until <paramref name="mayPublish"/> allows it, so the test can spread publishing over its whole run.
    /// </summary>
    public async Task SendAsync(IEnumerable<int> numbers, Func<bool> mayPublish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(mayPublish);
        MqttTestClient? client = null;
        try
        {
            foreach (var chunk in numbers.Chunk(window))
            {
                while (!mayPublish())
                {
                    await Task.Delay(10, cancellationToken);
                }

                var pending = chunk;
                while (pending.Length > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    client ??= await MqttTestClient.ConnectAsync(brokerPort);
                    var connected = client;
                    var results = await Task.WhenAll(pending.Select(async n => (n, ok: await TryPublishAsync(connected, n))));
                    acknowledged.AddRange(source, results.Where(r => r.ok).Select(r => r.n));
                    pending = [.. results.Where(r => !r.ok).Select(r => r.n)];
                    if (pending.Length > 0)
                    {
                        Interlocked.Add(ref retries, pending.Length);
                        await client.DisposeAsync();
                        client = null;
                    }
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task<bool> TryPublishAsync(MqttTestClient client, int n)
    {
        try
        {
            await client.PublishAsync(topic, new NumberedMessage(source, n).Json);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }
}
