using System.Net;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>The real program starts, serves on the port it logged, stops on SIGTERM, and refuses a bad configuration.</summary>
public sealed class GatewayProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Serves_health_on_the_logged_port_and_stops_gracefully_on_sigterm()
    {
        await using var gateway = await GatewayProcess.StartAsync("""{ "Gateway": {} }""", output);

        using var health = await gateway.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(IPAddress.Loopback.ToString(), gateway.HttpAddress.Host);
        Assert.NotEqual(0, gateway.HttpAddress.Port);
        Assert.Equal(0, await gateway.StopAsync());
        Assert.Contains(gateway.Output.Lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_configuration_exits_non_zero_and_names_the_config_path()
    {
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = """{ "Gateway": { "Nonsense": { "Type": "Http" } } }""",
            Log = output,
            WaitUntilListening = false,
        });

        var exitCode = await gateway.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(gateway.Output.Lines, l => l.Contains("Gateway:Nonsense", StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Output.Lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
    }
}
