namespace Gateway.FunctionalTests.Support;

/// <summary>How <see cref="GatewayProcess.StartAsync(GatewayStartOptions)"/> runs the gateway.</summary>
public sealed class GatewayStartOptions
{
    /// <summary>The configuration file's text: a JSON object with a <c>Gateway</c> section (see <see cref="GatewayConfig"/>).</summary>
    public required string ConfigJson { get; init; }

    /// <summary>The working directory; a fresh temporary one (deleted on dispose) when null. Reuse one to restart a gateway in place.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables (they override the configuration file, e.g. <c>Gateway__Sinks__x__Url</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the gateway's output goes when the process is disposed (the test's output, shown when it fails).</summary>
    public ITestOutputHelper? Log { get; init; }

    /// <summary>The addresses Kestrel listens on (<c>--urls</c>); <c>https://127.0.0.1:0</c> with <c>Gateway:Http:Certificate</c> for HTTPS.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Whether start waits until Kestrel listens; false to watch a gateway that is expected to exit (bad configuration).</summary>
    public bool WaitUntilListening { get; init; } = true;
}
