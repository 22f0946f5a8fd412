using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Gateway.DashboardTool;

/// <summary>
/// The real gateway (<c>dotnet gateway.dll serve --config FILE --urls http://127.0.0.1:0</c>) in a child process,
/// with the address Kestrel bound read from its log. Dispose stops it and deletes its files.
/// </summary>
internal sealed partial class GatewayChild : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayChild(Process process, string folder, Uri address)
    {
        _process = process;
        Folder = folder;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The gateway's files: its configuration, buffer and sinks' output.</summary>
    public string Folder { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the gateway with <paramref name="configJson"/>, where <c>{folder}</c> stands for its own folder.</summary>
    public static async Task<GatewayChild> StartAsync(string configJson)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "gateway.dll");
        var folder = Directory.CreateTempSubdirectory("gateway-dashboard-tool-").FullName;
        var config = Path.Combine(folder, "gateway.json");
        await File.WriteAllTextAsync(config, configJson.Replace("{folder}", folder.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal));
        var start = new ProcessStartInfo("dotnet", [program, "serve", "--config", config, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Gateway__Buffer__Folder"] = Path.Combine(folder, "buffer");
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningRegex().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"gateway: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The gateway did not start listening (exit code {(process.HasExited ? process.ExitCode : "none")}).");
        }

        return new GatewayChild(process, folder, await listening.Task);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningRegex();
}
