using System.Text;
using Gateway.Cli;

namespace Gateway.Tests.Cli;

/// <summary>The outcome of one CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}";
}

/// <summary>Runs the CLI in-process with redirected streams, failing the test when it takes longer than the timeout.</summary>
internal static class CliRunner
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<CliResult> RunAsync(string stdin, params string[] args) => RunAsync(Encoding.UTF8.GetBytes(stdin), args);

    public static async Task<CliResult> RunAsync(byte[] stdin, params string[] args)
    {
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        using var error = new StringWriter();

        // Task.Run so that a conversion stuck in synchronous code still lets the timeout fire.
        var exitCode = await Task.Run(() => GatewayCli.RunAsync(args, input, output, error)).WaitAsync(Timeout);
        return new CliResult(exitCode, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
