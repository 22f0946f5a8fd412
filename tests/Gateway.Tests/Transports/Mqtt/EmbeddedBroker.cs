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
    }

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
