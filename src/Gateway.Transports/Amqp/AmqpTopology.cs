using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Gateway.Transports.Amqp;

/// <summary>
/// Declares the queues and exchanges an input or sink names when they do not exist yet, so a fresh RabbitMQ needs no
/// other tool. Existing ones are used as they are (a passive declare on a channel of its own first, because a
/// declare with other arguments than the existing queue's would fail and close the channel).
/// </summary>
internal static class AmqpTopology
{
    private const int NotFound = 404;

    /// <summary>Declares <paramref name="queue"/> durable when it does not exist.</summary>
    public static async Task EnsureQueueAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, c => c.QueueDeclarePassiveAsync(queue, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Declares <paramref name="exchange"/> as a durable topic exchange when it does not exist.</summary>
    public static async Task EnsureExchangeAsync(IConnection connection, string exchange, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, c => c.ExchangeDeclarePassiveAsync(exchange, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes <paramref name="connection"/>, whatever state it is in (the caller connects anew either way).</summary>
    public static async Task CloseQuietlyAsync(IConnection connection)
    {
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException or OperationCanceledException)
        {
            // Closing anyway.
        }

        connection.Dispose();
    }

    private static async Task<bool> ExistsAsync(IConnection connection, Func<IChannel, Task> declarePassive, CancellationToken cancellationToken)
    {
        var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await declarePassive(probe).ConfigureAwait(false);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotFound)
        {
            return false;
        }
        finally
        {
            await probe.DisposeAsync().ConfigureAwait(false);
        }
    }
}
