using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// Sends numbered messages (<see cref="NumberedMessage"/>) to a Tcp input (NewLine framing), a batch per connection:
/// writes the batch, half-closes (<c>Shutdown(Send)</c>) and reads until the gateway closes its side. That end of
/// stream is the gateway's acknowledgement of every frame of the connection, trusted only when the incarnation that
/// sent it was not killed meanwhile (<see cref="CrashingGateway.IsUp"/>). A batch whose handshake did not complete is
/// sent again, whole, on a new connection.
/// </summary>
public sealed class TcpBatchSender(string source, CrashingGateway gateway, AcknowledgedNumbers acknowledged, int batchSize)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    private int batches;
    private int resent;
    private int untrusted;

    /// <summary>Batches acknowledged.</summary>
    public int Batches => Volatile.Read(ref batches);

    /// <summary>Batches sent again because their handshake failed (refused, reset, timed out, or an untrusted end of stream).</summary>
    public int Resent => Volatile.Read(ref resent);

    /// <summary>Of <see cref="Resent"/>: batches whose end of stream arrived after the gateway was killed.</summary>
    public int Untrusted => Volatile.Read(ref untrusted);

    public async Task SendAsync(IEnumerable<int> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        foreach (var batch in numbers.Chunk(batchSize))
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(batch.Select(n => new NumberedMessage(source, n).Json + "\n")));
            while (true)
            {
                if (gateway.Current is { TcpEndpoint: not null } target && await TryHandshakeAsync(target, bytes, cancellationToken))
                {
                    if (gateway.IsUp(target))
                    {
                        acknowledged.AddRange(source, batch);
                        Interlocked.Increment(ref batches);
                        break;
                    }

                    Interlocked.Increment(ref untrusted);
                }

                Interlocked.Increment(ref resent);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    /// <summary>Connects, writes <paramref name="bytes"/>, half-closes and reads until the end of stream; false when any step fails.</summary>
    private static async Task<bool> TryHandshakeAsync(GatewayTarget target, byte[] bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeouts.Operation);
        using var socket = new Socket(target.TcpEndpoint!.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target.TcpEndpoint, timeout.Token);
            using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                await stream.WriteAsync(bytes, timeout.Token);
            }

            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[256];
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
                // The gateway sends nothing on this connection; only its end of stream matters.
            }

            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
