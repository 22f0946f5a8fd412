using NATS.Client.Core;

namespace Gateway.Transports.Nats;

/// <summary>Creates the NATS.Net connection of an input or a sink from its options.</summary>
internal static class NatsConnections
{
    public static NatsConnection Create(NatsConnectionOptions options, string name) => new(NatsOpts.Default with
    {
        Url = options.Url!,
        Name = name,
        ConnectTimeout = options.ConnectTimeout,

        // Once connected, the client reconnects by itself for as long as it lives; inputs and sinks also retry the
        // first connection themselves.
        MaxReconnectRetry = -1,
        ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
        ReconnectWaitMax = TimeSpan.FromSeconds(2),
    });
}
