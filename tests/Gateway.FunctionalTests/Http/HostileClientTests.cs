using System.Net.Sockets;
using System.Text;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Http;

/// <summary>
/// Requests that HTTP itself finds broken, on the real server (the in-memory test server does not parse chunked
/// encoding): they get a 400 problem, the gateway keeps serving, and the log has one line each, with no error and no
/// stack trace.
/// </summary>
public sealed class HostileClientTests(ITestOutputHelper output)
{
    private const string Config = """
        { "Gateway": {
            "Inputs": { "in": { "Type": "Http", "Path": "/in" } },
            "Sinks": { "out": { "Type": "Console" } },
            "Routes": { "r": { "Input": "in", "Sinks": [ "out" ] } } } }
        """;

    [Theory]
    [InlineData("/convert")]
    [InlineData("/in")]
    public async Task A_chunk_size_that_overflows_is_answered_400_problem_details_without_an_error_log(string path)
    {
        await using var gateway = await GatewayProcess.StartAsync(Config, output);

        var answer = await SendRawAsync(gateway, $"POST {path} HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", Ending.ReadAnswer);

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("Bad chunk size data", answer, StringComparison.Ordinal);
        using var healthy = await gateway.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(healthy.IsSuccessStatusCode);
        AssertNoErrorLogged(gateway);
    }

    [Theory]
    [InlineData("/convert")]
    [InlineData("/in")]
    public async Task Clients_that_go_away_mid_body_cost_at_most_one_debug_line_each_and_no_stack_trace(string path)
    {
        await using var gateway = await GatewayProcess.StartAsync(new GatewayStartOptions
        {
            ConfigJson = Config,
            Log = output,
            Environment = new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore.Diagnostics"] = "Debug" },
        });
        var request = $"POST {path} HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[1,2,3";

        // One resets the connection mid-body, one stops sending: Kestrel takes both for a client that went away.
        await gateway.WaitForLogAsync("Content root path"); // the last line of the start
        var before = gateway.Output.Count;
        await SendRawAsync(gateway, request, Ending.Reset);
        await SendRawAsync(gateway, request, Ending.StopSending);
        using var healthy = await gateway.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(healthy.IsSuccessStatusCode);
        Assert.All(gateway.Output.Lines.Skip(before), l => Assert.StartsWith("dbug: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[4] The request was aborted by the client.", l, StringComparison.Ordinal));
        Assert.InRange(gateway.Output.Count - before, 0, 2);
        AssertNoErrorLogged(gateway);
    }

    private static void AssertNoErrorLogged(GatewayProcess gateway)
    {
        var lines = gateway.Output.Lines;
        Assert.DoesNotContain(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" at Microsoft.", StringComparison.Ordinal) || l.Contains(" at Gateway.", StringComparison.Ordinal)); // a stack frame
    }

    private enum Ending
    {
        ReadAnswer,
        StopSending,
        Reset,
    }

    /// <summary>Sends <paramref name="request"/> as is, then reads the answer (after closing its sending side), or resets the connection.</summary>
    private static async Task<string> SendRawAsync(GatewayProcess gateway, string request, Ending ending)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(gateway.HttpAddress.Host, gateway.HttpAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        if (ending == Ending.Reset)
        {
            client.Client.LingerState = new LingerOption(true, 0); // close with RST, as a client that crashed
            client.Client.Close();
            return string.Empty;
        }

        if (ending == Ending.StopSending)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        var buffer = new byte[8192];
        var answer = new StringBuilder();
        using var timeout = new CancellationTokenSource(Timeouts.Delivery);
        int read;
        while (!answer.ToString().Contains("\r\n0\r\n", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
        {
            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}
