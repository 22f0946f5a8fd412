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

    [Fact]
    public async Task Every_problem_of_the_routes_is_listed_by_its_config_path_and_the_exit_code_is_non_zero()
    {
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = """
                { "Gateway": {
                    "Inputs": { "orders": { "Type": "Http", "Path": "/orders" } },
                    "Sinks": { "archive": { "Type": "Nope", "Format": "Yaml" } },
                    "Routes": { "r": { "Input": "orders", "Sinks": [ "archive", "arhive" ] } } } }
                """,
            Log = output,
            WaitUntilListening = false,
        });

        var exitCode = await gateway.WaitForExitAsync();
        var text = string.Join("\n", gateway.Output.Lines);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Gateway:Routes:r:Sinks:1: unknown sink 'arhive'", text, StringComparison.Ordinal);
        Assert.Contains("Gateway:Sinks:archive:Type", text, StringComparison.Ordinal);
        Assert.Contains("Gateway:Sinks:archive:Format", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_input_port_in_use_exits_1_with_one_line_naming_the_input()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = $$"""
                { "Gateway": {
                    "Inputs": { "plc": { "Type": "Tcp", "Host": "127.0.0.1", "Port": {{port}} } },
                    "Sinks": { "screen": { "Type": "Console" } },
                    "Routes": { "r": { "Input": "plc", "Sinks": [ "screen" ] } } } }
                """,
            Log = output,
            WaitUntilListening = false,
        });

        var exitCode = await gateway.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains(gateway.Output.Lines, l => l.StartsWith($"gateway serve: cannot start: Input plc cannot listen on tcp://127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Output.Lines, l => l.Contains("internal error", StringComparison.Ordinal));
    }
}
