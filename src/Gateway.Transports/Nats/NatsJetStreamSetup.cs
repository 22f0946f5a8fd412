using Gateway.Core.Routing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Gateway.Transports.Nats;

/// <summary>Finds or creates the JetStream stream and durable consumer a <c>Nats</c> input or sink names.</summary>
internal static class NatsJetStreamSetup
{
    /// <summary>The JetStream API's error code for "stream not found".</summary>
    private const int StreamNotFound = 10059;

    /// <summary>
    /// Makes sure <paramref name="stream"/> exists: when it does not, it is created for <paramref name="subject"/>
    /// (file storage, <paramref name="replicas"/> copies, the server's defaults otherwise), so a fresh
    /// <c>nats-server -js</c> needs no other tool. Returns true when it was created.
    /// </summary>
    public static async Task<bool> EnsureStreamAsync(INatsJSContext jetStream, string stream, string? subject, int replicas, CancellationToken cancellationToken)
    {
        try
        {
            await jetStream.GetStreamAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (NatsJSApiException ex) when (ex.Error.ErrCode == StreamNotFound)
        {
            if (string.IsNullOrEmpty(subject))
            {
                throw new InvalidOperationException($"stream '{stream}' does not exist; set Subject so that it can be created.", ex);
            }

            try
            {
                await jetStream.CreateStreamAsync(new StreamConfig(stream, [subject]) { Storage = StreamConfigStorage.File, NumReplicas = replicas }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (NatsJSApiException created) when (created.Error.Code == 400)
            {
                // Another gateway created it at the same moment, or the subject overlaps another stream's.
                await jetStream.GetStreamAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return false;
            }
        }
    }

    /// <summary>The input's durable pull consumer (created or updated with explicit acknowledgement), its stream made sure of first.</summary>
    public static async Task<INatsJSConsumer> ConsumerAsync(NatsConnection connection, NatsInputOptions options, string name, InputContext context, CancellationToken cancellationToken)
    {
        var jetStream = new NatsJSContext(connection);
        if (await EnsureStreamAsync(jetStream, options.Stream!, options.Subject, options.Replicas, cancellationToken).ConfigureAwait(false))
        {
            NatsLog.StreamCreated(context.Logger, context.Id, options.Stream!, options.Subject!);
        }

        var config = new ConsumerConfig(name)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            MaxAckPending = options.MaxAckPending,
            AckWait = options.AckWait,
        };
        if (!string.IsNullOrEmpty(options.Subject))
        {
            config.FilterSubject = options.Subject;
        }

        return await jetStream.CreateOrUpdateConsumerAsync(options.Stream!, config, cancellationToken).ConfigureAwait(false);
    }
}
