using Gateway.Core.Formats;
using Gateway.Core.Routing;
using Gateway.Transports.Mqtt;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Transports.Mqtt;

/// <summary>Creates and starts MQTT inputs with a <see cref="FakeDispatcher"/> and a <see cref="ListLogger"/>, bounded waits only.</summary>
internal static class MqttInputHarness
{
    public static async Task<MqttInput> StartAsync(
        MqttInputOptions options,
        FakeDispatcher dispatcher,
        ListLogger log,
        string id = "sensors",
        string? format = null,
        bool waitUntilListening = true,
        TimeSpan? disposeGrace = null)
    {
        options.ReconnectDelay = TimeSpan.FromMilliseconds(100);
        options.MaxReconnectDelay = TimeSpan.FromMilliseconds(500);
        var context = new InputContext(id, $"Gateway:Inputs:{id}", format, new FormatOptions(), dispatcher, new ServiceCollection().BuildServiceProvider(), log);
        var input = new MqttInput(options, context) { DisposeGrace = disposeGrace ?? TimeSpan.FromMilliseconds(200) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await input.StartAsync(cts.Token);
        if (waitUntilListening)
        {
            await log.WaitForAsync($"Input {id} listening on ");
        }

        return input;
    }

    public static async Task StopAsync(MqttInput input)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await input.StopAsync(cts.Token);
        await input.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
