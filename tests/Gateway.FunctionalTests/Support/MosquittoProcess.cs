using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A real mosquitto broker on a free loopback port (anonymous access, no persistence), killed on dispose.
/// Tests that use it carry <see cref="RequiresMosquittoFactAttribute"/>, so they skip where mosquitto is not installed.
/// </summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly TempDirectory folder;
    private readonly ITestOutputHelper? log;

    private MosquittoProcess(ChildProcess process, TempDirectory folder, int port, ITestOutputHelper? log)
    {
        this.process = process;
        this.folder = folder;
        this.log = log;
        Port = port;
    }

    /// <summary>The mosquitto executable, or null when it is not installed.</summary>
    public static string? Executable { get; } = ExternalPrograms.Find("mosquitto", "/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin");

    public int Port { get; }

    /// <summary>The broker's address for gateway configuration: <c>mqtt://127.0.0.1:PORT</c>.</summary>
    public string Server => $"mqtt://127.0.0.1:{Port}";

    public ProcessOutput Output => process.Output;

    /// <summary>Starts mosquitto and waits until it accepts TCP connections.</summary>
    public static Task<MosquittoProcess> StartAsync(ITestOutputHelper? log = null) => StartAsync(log, []);

    /// <summary>
    /// Starts mosquitto with <paramref name="extraConfig"/> appended to its configuration file (one setting a line,
    /// for example <c>max_queued_messages 0</c>) and waits until it accepts TCP connections.
    /// </summary>
    public static async Task<MosquittoProcess> StartAsync(ITestOutputHelper? log, IReadOnlyList<string> extraConfig)
    {
        ArgumentNullException.ThrowIfNull(extraConfig);
        var executable = Executable ?? throw new InvalidOperationException(
            $"mosquitto is not installed (looked on PATH and in /usr/sbin). Install it: apt-get install -y mosquitto. {ExternalPrograms.RequireVariable}=1 makes this a failure instead of a skip.");
        for (var attempt = 1; ; attempt++)
        {
            // The free port may be taken between the probe and mosquitto's bind; then mosquitto exits and we try another.
            var port = FreePort.Next();
            var folder = new TempDirectory("gateway-ft-mosquitto-");
            var config = folder.WriteFile("mosquitto.conf", $"""
                listener {port} 127.0.0.1
                allow_anonymous true
                persistence false
                log_dest stdout
                log_type error
                log_type warning
                log_type notice
                """ + "\n" + string.Concat(extraConfig.Select(line => line + "\n")));
            var process = ChildProcess.Start(new ProcessStartInfo(executable, ["-c", config]));
            var broker = new MosquittoProcess(process, folder, port, log);
            try
            {
                await WaitUntilAcceptingAsync(process, port);
                return broker;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await broker.DisposeAsync();
            }
            catch
            {
                await broker.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            log?.WriteLine($"mosquitto on port {Port}:\n{Output.Tail(100)}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished.
        }

        folder.Dispose();
    }

    private static async Task WaitUntilAcceptingAsync(ChildProcess process, int port)
    {
        var deadline = DateTime.UtcNow + Timeouts.Start;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with code {process.Output.ExitCode} on port {port}.\n{process.Output.Tail()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Timeouts.Operation);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
