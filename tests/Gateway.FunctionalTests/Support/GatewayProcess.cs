using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// The real gateway (<c>dotnet gateway.dll serve --config FILE --urls http://127.0.0.1:0</c>) in a child process,
/// with the ports it bound read from its log: Kestrel's <c>Now listening on: URL</c>, the inputs'
/// <c>Input ID listening on tcp://IP:PORT</c> and the embedded broker's <c>MQTT broker listening on mqtt://IP:PORT</c>.
/// Dispose kills it (and copies its output to the test's log).
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly TempDirectory files;
    private readonly ITestOutputHelper? log;
    private TempDirectory? ownedWorkingDirectory;
    private GatewayStartOptions startOptions = null!;
    private HttpClient? http;

    private GatewayProcess(ChildProcess process, TempDirectory files, TempDirectory? ownedWorkingDirectory, string workingDirectory, ITestOutputHelper? log)
    {
        this.process = process;
        this.files = files;
        this.ownedWorkingDirectory = ownedWorkingDirectory;
        this.log = log;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The configuration file the gateway was started with (<c>--config</c>); rewrite it to test a reload.</summary>
    public string ConfigPath { get; private set; } = null!;

    /// <summary>gateway.dll, copied to the test output by the project reference to src/Gateway.</summary>
    public static string ProgramPath { get; } = Path.Combine(AppContext.BaseDirectory, "gateway.dll");

    public int ProcessId => process.Id;

    public ProcessOutput Output => process.Output;

    public bool HasExited => process.HasExited;

    public string WorkingDirectory { get; }

    /// <summary>The HTTP address Kestrel listens on; throws when the gateway was started without waiting for it.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>A client for <see cref="HttpAddress"/>, with a bounded timeout.</summary>
    public HttpClient Http => http ?? throw new InvalidOperationException("The gateway was started without waiting until it listens.");

    /// <summary>Starts the gateway with <paramref name="configJson"/> and waits until it listens for HTTP.</summary>
    public static Task<GatewayProcess> StartAsync(string configJson, ITestOutputHelper? log = null) =>
        StartAsync(new GatewayStartOptions { ConfigJson = configJson, Log = log });

    public static async Task<GatewayProcess> StartAsync(GatewayStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(ProgramPath))
        {
            throw new FileNotFoundException($"The gateway is not built beside the tests: {ProgramPath} is missing.");
        }

        var files = new TempDirectory("gateway-ft-config-");
        var ownedWorkingDirectory = options.WorkingDirectory is null ? new TempDirectory("gateway-ft-work-") : null;
        var workingDirectory = options.WorkingDirectory ?? ownedWorkingDirectory!.Path;
        var configPath = files.WriteFile("gateway.json", options.ConfigJson);

        var startInfo = new ProcessStartInfo(DotnetHost(), [ProgramPath, "serve", "--config", configPath, "--urls", options.Urls])
        {
            WorkingDirectory = workingDirectory,
        };
        PrepareEnvironment(startInfo.Environment);
        foreach (var (name, value) in options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var gateway = new GatewayProcess(ChildProcess.Start(startInfo), files, ownedWorkingDirectory, workingDirectory, options.Log)
        {
            ConfigPath = configPath,
            startOptions = options,
        };
        if (!options.WaitUntilListening)
        {
            return gateway;
        }

        try
        {
            var listening = await gateway.Output.WaitForAsync(KestrelListening(), Timeouts.Start);
            gateway.HttpAddress = new Uri(listening.Groups["url"].Value);
            gateway.http = new HttpClient { BaseAddress = gateway.HttpAddress, Timeout = Timeouts.Delivery };
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the gateway again, as after a crash or a reboot: the configuration file's current text, the same
    /// environment and the same working directory, so the new process finds the buffer (<c>data/buffer</c>) and the
    /// dead letters this one left. This one must have exited (<see cref="KillAsync"/> or <see cref="StopAsync"/>).
    /// When this one owns a temporary working directory, the new process takes it over: disposing this one then no
    /// longer deletes it.
    /// </summary>
    public async Task<GatewayProcess> RestartAsync()
    {
        if (!HasExited)
        {
            throw new InvalidOperationException($"The gateway (pid {ProcessId}) is still running; kill or stop it before restarting it.");
        }

        var next = await StartAsync(new GatewayStartOptions
        {
            ConfigJson = await File.ReadAllTextAsync(ConfigPath),
            WorkingDirectory = WorkingDirectory,
            Environment = startOptions.Environment,
            Log = startOptions.Log,
            WaitUntilListening = startOptions.WaitUntilListening,
        });
        next.ownedWorkingDirectory = ownedWorkingDirectory;
        ownedWorkingDirectory = null;
        return next;
    }

    /// <summary>Waits for a log line matching <paramref name="pattern"/> (from line <paramref name="from"/> on).</summary>
    public Task<Match> WaitForLogAsync(Regex pattern, TimeSpan? timeout = null, int from = 0) =>
        Output.WaitForAsync(pattern, timeout ?? Timeouts.Delivery, from);

    /// <summary>Waits for a log line matching the regular expression <paramref name="pattern"/>.</summary>
    public Task<Match> WaitForLogAsync(string pattern, TimeSpan? timeout = null, int from = 0) =>
        WaitForLogAsync(new Regex(pattern, RegexOptions.CultureInvariant), timeout, from);

    /// <summary>The endpoint the TCP input <paramref name="inputId"/> listens on, from its <c>Input ID listening on</c> line.</summary>
    public async Task<IPEndPoint> InputEndpointAsync(string inputId, TimeSpan? timeout = null)
    {
        var pattern = new Regex($@"Input {Regex.Escape(inputId)} listening on tcp://(?<endpoint>\S+)", RegexOptions.CultureInvariant);
        var match = await WaitForLogAsync(pattern, timeout ?? Timeouts.Start);
        return ParseEndpoint(match.Groups["endpoint"].Value);
    }

    /// <summary>The endpoint the embedded MQTT broker listens on, from its <c>MQTT broker listening on</c> line.</summary>
    public async Task<IPEndPoint> BrokerEndpointAsync(TimeSpan? timeout = null)
    {
        var match = await WaitForLogAsync(BrokerListening(), timeout ?? Timeouts.Start);
        return ParseEndpoint(match.Groups["endpoint"].Value);
    }

    /// <summary>Kills the gateway at once (SIGKILL to its process id): no shutdown, nothing flushed or acknowledged (a crash).</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync(Timeouts.Stop);
    }

    /// <summary>Stops the gateway gracefully (SIGTERM) and returns its exit code; kills it when it has not exited in time.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        await process.TerminateAsync();
        try
        {
            return await process.WaitForExitAsync(timeout ?? Timeouts.Stop);
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw new TimeoutException($"The gateway did not stop within {(timeout ?? Timeouts.Stop).TotalSeconds:0} s of SIGTERM and was killed.\n{Output.Tail()}");
        }
    }

    /// <summary>Waits for the gateway to exit by itself (a configuration error) and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan? timeout = null) => process.WaitForExitAsync(timeout ?? Timeouts.Start);

    /// <summary>The gateway's resident memory (VmRSS), or null where /proc does not exist.</summary>
    public long? ReadResidentBytes() => process.ReadResidentBytes();

    public async ValueTask DisposeAsync()
    {
        http?.Dispose();
        await process.DisposeAsync();
        WriteOutputTo(log);
        files.Dispose();
        ownedWorkingDirectory?.Dispose();
    }

    private void WriteOutputTo(ITestOutputHelper? output)
    {
        if (output is null)
        {
            return;
        }

        try
        {
            output.WriteLine($"gateway (pid {ProcessId}) exited with code {Output.ExitCode?.ToString() ?? "?"}");
            output.WriteLine(Output.Tail(400));
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; its output is closed.
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void PrepareEnvironment(IDictionary<string, string?> environment)
    {
        // Settings of the test runner's own environment must not leak into the gateway under test.
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("Gateway_", StringComparison.OrdinalIgnoreCase) // Gateway__X overrides, GATEWAY_CONFIG
                || name.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One line per log entry, no colours: the tests read ports and errors from these lines.
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        environment["Logging__LogLevel__Default"] = "Information";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
    }

    private static IPEndPoint ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text.TrimEnd('/'), out var endpoint)
            ? endpoint
            : throw new FormatException($"'{text}' in the gateway's log is not an IP endpoint.");

    [GeneratedRegex(@"Now listening on: (?<url>https?://[^\s""]+)", RegexOptions.CultureInvariant)]
    private static partial Regex KestrelListening();

    [GeneratedRegex(@"MQTT broker listening on mqtt://(?<endpoint>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex BrokerListening();
}
