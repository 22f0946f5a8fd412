using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A real RabbitMQ node on a free loopback port, everything it writes (database, logs, Erlang cookie) in a temporary
/// folder, with an epmd of its own on a free port (the node would otherwise start a shared one that outlives the
/// test). The node can be killed and started again on the same port and data, as after a crash. Starting takes
/// seconds to a minute (the Erlang VM boots): share one per test class (<see cref="RabbitMqFixture"/>).
/// </summary>
public sealed partial class RabbitMqProcess : IAsyncDisposable
{
    /// <summary>A loaded machine needs most of a minute to boot the node.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly TempDirectory folder;
    private readonly ChildProcess epmd;
    private readonly Dictionary<string, string> environment;
    private ChildProcess? node;

    private RabbitMqProcess(TempDirectory folder, ChildProcess epmd, Dictionary<string, string> environment, int port)
    {
        this.folder = folder;
        this.epmd = epmd;
        this.environment = environment;
        Port = port;
    }

    /// <summary>The server script, or null when rabbitmq-server is not installed. (The <c>/usr/sbin</c> wrapper would switch to the rabbitmq user.)</summary>
    public static string? Executable { get; } = ExternalPrograms.Find("rabbitmq-server", "/usr/lib/rabbitmq/bin") is { } found
        ? (File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server") ? "/usr/lib/rabbitmq/bin/rabbitmq-server" : found)
        : null;

    public int Port { get; }

    /// <summary>The broker's address for gateway configuration (RabbitMQ's guest account, allowed on loopback).</summary>
    public string Url => $"amqp://127.0.0.1:{Port}/";

    /// <summary>How many times the node was started.</summary>
    public int Starts { get; private set; }

    public ProcessOutput Output => node?.Output ?? new ProcessOutput();

    /// <summary>Starts a node and waits until it accepts AMQP connections.</summary>
    public static async Task<RabbitMqProcess> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            $"rabbitmq-server is not installed. Install it: apt-get install -y rabbitmq-server. {ExternalPrograms.RequireVariable}=1 makes this a failure instead of a skip.");
        var folder = new TempDirectory("gateway-ft-rabbitmq-");
        var port = FreePort.Next();
        var epmdPort = FreePort.Next();
        var config = folder.WriteFile("rabbitmq.conf", $"listeners.tcp.default = 127.0.0.1:{port}\n");
        folder.WriteFile("enabled_plugins", "[].\n");
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = folder.Path,
            ["ERL_EPMD_PORT"] = epmdPort.ToString(),
            ["RABBITMQ_NODENAME"] = $"gateway-ft-{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = FreePort.Next().ToString(),
            ["RABBITMQ_BASE"] = folder.Path,
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = folder.Combine("enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = folder.Combine("mnesia"),
            ["RABBITMQ_LOG_BASE"] = folder.Combine("log"),
            ["RABBITMQ_PID_FILE"] = folder.Combine("rabbitmq.pid"),
            ["RABBITMQ_LOGS"] = "-",
        };
        var epmd = ChildProcess.Start(new ProcessStartInfo(ExternalPrograms.Find("epmd", "/usr/lib/erlang/bin") ?? "epmd", ["-port", epmdPort.ToString()]));
        var rabbit = new RabbitMqProcess(folder, epmd, environment, port);
        try
        {
            await rabbit.LaunchAsync(executable);
            return rabbit;
        }
        catch
        {
            await rabbit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the node at once (SIGKILL to the whole process tree): a crashed broker.</summary>
    public async Task KillAsync()
    {
        if (node is { } running)
        {
            running.Kill();
            await running.WaitForExitAsync(Timeouts.Stop);
        }
    }

    /// <summary>Starts the node again on the same port and data, after <see cref="KillAsync"/>.</summary>
    public async Task RestartAsync()
    {
        if (node is { } old)
        {
            await old.DisposeAsync();
        }

        await LaunchAsync(Executable!);
    }

    public async ValueTask DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        await epmd.DisposeAsync();
        folder.Dispose();
    }

    private async Task LaunchAsync(string executable)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = folder.Path };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        node = ChildProcess.Start(start);
        Starts++;
        await node.Output.WaitForAsync(StartupComplete(), StartTimeout);
    }

    [GeneratedRegex("Server startup complete", RegexOptions.CultureInvariant)]
    private static partial Regex StartupComplete();
}
