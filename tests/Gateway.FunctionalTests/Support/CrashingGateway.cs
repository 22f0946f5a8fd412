namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A gateway that the test kills (SIGKILL) and restarts in place (same configuration, same working directory) while
/// clients keep talking to it. Clients take <see cref="Current"/> (null while it is down) and, when an acknowledgement
/// could have been faked by the crash itself (a killed process's sockets end with a FIN, which a TCP client reads as
/// the end of stream it waits for), ask <see cref="IsUp"/> whether that incarnation was still up when it arrived:
/// <see cref="Current"/> becomes null before the kill, so an end of stream read after that is not trusted.
/// </summary>
public sealed class CrashingGateway : IAsyncDisposable
{
    private readonly string? tcpInputId;
    private GatewayProcess gateway;
    private volatile GatewayTarget? current;

    private CrashingGateway(GatewayProcess gateway, string? tcpInputId)
    {
        this.gateway = gateway;
        this.tcpInputId = tcpInputId;
    }

    /// <summary>The incarnation clients should talk to, or null while it is being killed and restarted.</summary>
    public GatewayTarget? Current => current;

    /// <summary>The running process (the last one started).</summary>
    public GatewayProcess Process => gateway;

    public int Kills { get; private set; }

    /// <summary>Exit codes and output line counts of the killed incarnations, for the test's report.</summary>
    public IList<string> History { get; } = [];

    /// <summary>Starts the gateway; <paramref name="tcpInputId"/> names the Tcp input whose endpoint clients need.</summary>
    public static async Task<CrashingGateway> StartAsync(GatewayStartOptions options, string? tcpInputId = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WorkingDirectory is null)
        {
            throw new ArgumentException("A crashing gateway needs a working directory of the test's, which outlives every incarnation.", nameof(options));
        }

        var crashing = new CrashingGateway(await GatewayProcess.StartAsync(options), tcpInputId);
        try
        {
            crashing.current = await crashing.TargetAsync(1);
            return crashing;
        }
        catch
        {
            await crashing.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether <paramref name="target"/> is still the incarnation up (it was not killed since it was taken).</summary>
    public bool IsUp(GatewayTarget target) => ReferenceEquals(current, target);

    /// <summary>Kills the gateway with SIGKILL, then starts it again with the same configuration and working directory.</summary>
    public async Task KillAndRestartAsync()
    {
        var incarnation = current?.Incarnation ?? throw new InvalidOperationException("The gateway is not up.");
        current = null; // before the kill: see the class summary
        await gateway.KillAsync();
        Kills++;
        var next = await gateway.RestartAsync();
        History.Add($"incarnation {incarnation} (pid {gateway.ProcessId}): killed, exit code {gateway.Output.ExitCode}, {gateway.Output.Count} output lines");
        await gateway.DisposeAsync();
        gateway = next;
        current = await TargetAsync(incarnation + 1);
    }

    public ValueTask DisposeAsync()
    {
        current = null;
        return gateway.DisposeAsync();
    }

    private async Task<GatewayTarget> TargetAsync(int incarnation) => new(
        incarnation,
        gateway.HttpAddress,
        tcpInputId is null ? null : await gateway.InputEndpointAsync(tcpInputId));
}
