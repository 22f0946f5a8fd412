using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A real nats-server with JetStream on free loopback ports, its store in a temporary folder; alone
/// (<see cref="StartAsync"/>) or as one node of a cluster (<see cref="StartClusterAsync"/>). Killed on dispose.
/// Tests that use it carry <see cref="RequiresNatsServerFactAttribute"/>.
/// </summary>
public sealed partial class NatsServerProcess : IAsyncDisposable
{
    private readonly TempDirectory folder;
    private readonly string configPath;
    private readonly ITestOutputHelper? log;
    private ChildProcess process;

    private NatsServerProcess(ChildProcess process, TempDirectory folder, string configPath, int port, string name, ITestOutputHelper? log)
    {
        this.process = process;
        this.folder = folder;
        this.configPath = configPath;
        this.log = log;
        Port = port;
        Name = name;
    }

    /// <summary>The nats-server executable, or null when it is not installed.</summary>
    public static string? Executable { get; } = ExternalPrograms.Find("nats-server", "/usr/sbin", "/usr/local/sbin", "/usr/local/bin");

    public int Port { get; }

    public string Name { get; }

    /// <summary>The client URL: <c>nats://127.0.0.1:PORT</c>.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    public ProcessOutput Output => process.Output;

    public bool HasExited => process.HasExited;

    /// <summary>Starts one server with JetStream and waits until it is ready.</summary>
    public static async Task<NatsServerProcess> StartAsync(ITestOutputHelper? log = null)
    {
        var port = FreePort.Next();
        var folder = new TempDirectory("gateway-ft-nats-");
        var config = folder.WriteFile("nats.conf", $$"""
            server_name: n1
            listen: 127.0.0.1:{{port}}
            jetstream { store_dir: "{{folder.Combine("store")}}" }
            """);
        var server = new NatsServerProcess(Launch(config), folder, config, port, "n1", log);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>
    /// Starts a cluster of <paramref name="nodes"/> servers with JetStream on loopback and waits until every one is
    /// ready. JetStream elects its meta leader afterwards: create streams with retries.
    /// </summary>
    public static async Task<IReadOnlyList<NatsServerProcess>> StartClusterAsync(int nodes, ITestOutputHelper? log = null)
    {
        var clientPorts = Enumerable.Range(0, nodes).Select(_ => FreePort.Next()).ToArray();
        var routePorts = Enumerable.Range(0, nodes).Select(_ => FreePort.Next()).ToArray();
        var routes = string.Join(", ", routePorts.Select(p => $"\"nats-route://127.0.0.1:{p}\""));
        var servers = new List<NatsServerProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                var folder = new TempDirectory("gateway-ft-nats-");
                var config = folder.WriteFile("nats.conf", $$"""
                    server_name: n{{i + 1}}
                    listen: 127.0.0.1:{{clientPorts[i]}}
                    jetstream { store_dir: "{{folder.Combine("store")}}" }
                    cluster {
                      name: gateway-ft
                      listen: 127.0.0.1:{{routePorts[i]}}
                      routes: [ {{routes}} ]
                    }
                    """);
                servers.Add(new NatsServerProcess(Launch(config), folder, config, clientPorts[i], $"n{i + 1}", log));
            }

            foreach (var server in servers)
            {
                await server.WaitUntilReadyAsync();
            }

            return servers;
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Kills the server at once (SIGKILL): a crashed node.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync(Timeouts.Stop);
    }

    /// <summary>Starts the server again with the same configuration and store, after <see cref="KillAsync"/>.</summary>
    public async Task RestartAsync()
    {
        await process.DisposeAsync();
        process = Launch(configPath);
        await WaitUntilReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        try
        {
            log?.WriteLine($"nats-server {Name} on port {Port}:\n{Output.Tail(60)}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished.
        }

        folder.Dispose();
    }

    private static ChildProcess Launch(string config)
    {
        var executable = Executable ?? throw new InvalidOperationException(
            $"nats-server is not installed. Install it: apt-get install -y nats-server. {ExternalPrograms.RequireVariable}=1 makes this a failure instead of a skip.");
        return ChildProcess.Start(new ProcessStartInfo(executable, ["-c", config]));
    }

    private Task<Match> WaitUntilReadyAsync() => process.Output.WaitForAsync(Ready(), Timeouts.Start);

    [GeneratedRegex("Server is ready", RegexOptions.CultureInvariant)]
    private static partial Regex Ready();
}
