using System.Collections.Concurrent;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>The gateway's embedded broker on 127.0.0.1 and a free port, for one test.</summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private EmbeddedBroker(MqttBrokerService service, ListLogger log)
    {
        Service = service;
        Log = log;
        service.Server!.ClientAcknowledgedPublishPacketAsync += args =>
        {
            Acknowledged.Enqueue((args.ClientId, args.PublishPacket.Topic, Observer?.Invoke() ?? string.Empty));
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Every PUBACK/PUBCOMP the broker received from a client, in order: the client, the topic of the message, and what
    /// <see cref="Observer"/> said at that moment (a test's own state, such as "released" or "held").
    /// </summary>
    public ConcurrentQueue<(string ClientId, string Topic, string Observed)> Acknowledged { get; } = new();

    /// <summary>Called when an acknowledgement arrives; its answer is recorded with it.</summary>
    public Func<string>? Observer { get; set; }

    public MqttBrokerService Service { get; }

    public ListLogger Log { get; }

    public int Port => Service.EndPoint!.Port;

    public string Server => $"mqtt://127.0.0.1:{Port}";

    public static async Task<EmbeddedBroker> StartAsync(int maxPacketSize = 1024 * 1024, int port = 0, Action<MqttBrokerOptions>? configure = null)
    {
        var log = new ListLogger();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        var options = new MqttBrokerOptions { Enabled = true, Host = "127.0.0.1", Port = port, MaxPacketSize = maxPacketSize };
        configure?.Invoke(options);
        var service = new MqttBrokerService(Microsoft.Extensions.Options.Options.Create(options), loggerFactory);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await service.StartAsync(cts.Token);
        return new EmbeddedBroker(service, log);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Service.StopAsync(cts.Token);
        await Service.DisposeAsync();
    }
}
