using System.Net;
using System.Text;

namespace Gateway.Tests.Cli;

/// <summary>The built executable as a real process: exit codes, stderr, and serve with --config.</summary>
public sealed class GatewayProcessTests
{
    [Fact]
    public async Task Convert_succeeds_with_exit_0()
    {
        var (exitCode, stdout, stderr) = await GatewayProcess.RunAsync("""[{"a":1}]""", "convert", "--from", "json", "--to", "ndjson");
        Assert.True(exitCode == 0, stderr);
        Assert.Equal("{\"a\":1}", stdout.Trim());
    }

    [Fact]
    public async Task Malformed_input_exits_1_with_one_stderr_line()
    {
        var (exitCode, _, stderr) = await GatewayProcess.RunAsync("{\"a\":", "convert", "--from", "json", "--to", "ndjson");
        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("gateway convert: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_error_exits_2()
    {
        var (exitCode, _, stderr) = await GatewayProcess.RunAsync(string.Empty, "convert", "--from", "json", "--to", "json", "--no-such-flag");
        Assert.Equal(2, exitCode);
        Assert.Contains("--no-such-flag", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_invalid_config_exits_1_listing_problems()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """{ "Gateway": { "Http": { "MaxBodyBytes": -1 }, "Nope": 1 } }""");
        using var process = GatewayProcess.Start(["serve", "--config", config, "--urls", "http://127.0.0.1:0"]);
        Assert.Equal(1, await process.WaitForExitAsync());
        Assert.Contains("Gateway:Http:MaxBodyBytes", process.Stderr, StringComparison.Ordinal);
        Assert.Contains("Gateway:Nope", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_uses_the_config_file_and_environment_overrides_it()
    {
        using var directory = new TempDirectory();
        var config = directory.File("gateway.json", """{ "Gateway": { "Http": { "MaxBodyBytes": 10 } } }""");
        var body = """[1,2,3,4,5,6,7,8]""";

        using (var fromFile = GatewayProcess.Start(["serve", "--config", config, "--urls", "http://127.0.0.1:0"], workingDirectory: directory.Path))
        {
            var address = await fromFile.ListeningAsync();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var tooLarge = await client.PostAsync(new Uri("/convert", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        var environment = new Dictionary<string, string> { ["Gateway__Http__MaxBodyBytes"] = "1000" };
        using (var overridden = GatewayProcess.Start(["--config", config, "--urls", "http://127.0.0.1:0"], environment, directory.Path))
        {
            var address = await overridden.ListeningAsync();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var accepted = await client.PostAsync(new Uri("/convert", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
    }
}
