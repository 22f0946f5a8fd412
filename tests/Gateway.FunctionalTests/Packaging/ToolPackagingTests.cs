using System.Diagnostics;
using Gateway.FunctionalTests.Support;

namespace Gateway.FunctionalTests.Packaging;

/// <summary>
/// The ways a user gets a <c>gateway</c> command, run as the README tells: the .NET tool (<c>dotnet pack</c>, then
/// <c>dotnet tool install --add-source</c>) and <c>dotnet run</c>. Both must write nothing but the converted data to
/// standard output, or <c>gateway convert ... &gt; out.ndjson</c> corrupts the file.
/// </summary>
public sealed class ToolPackagingTests(ITestOutputHelper log)
{
    private const string Csv = "id,name\n1,Ada\n2,Linus\n";
    private const string Ndjson = "{\"id\":\"1\",\"name\":\"Ada\"}\n{\"id\":\"2\",\"name\":\"Linus\"}\n";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Packed_tool_installs_into_a_tool_path_and_converts_standard_input_to_standard_output()
    {
        using var work = new TempDirectory("gateway-ft-tool-");
        var packages = work.Combine("packages");
        var tools = work.Combine("tools");

        // Its own artifacts path keeps the pack's bin/obj out of the repository and away from a concurrent build.
        var pack = await RunAsync(
            Dotnet(), ["pack", Path.Combine(RepositoryRoot(), "src", "Gateway"), "-c", "Release", "-o", packages, "--artifacts-path", work.Combine("build")], null, BuildTimeout);
        Assert.True(pack.ExitCode == 0, pack.Describe());
        Assert.Single(Directory.GetFiles(packages, "Gateway.Tool.*.nupkg"));

        // A NuGet configuration with only the packed folder: the test installs what it built, never a published package.
        var nugetConfig = work.WriteFile("nuget.config", $"""<configuration><packageSources><clear /><add key="packed" value="{packages}" /></packageSources></configuration>""");
        var install = await RunAsync(Dotnet(), ["tool", "install", "Gateway.Tool", "--tool-path", tools, "--configfile", nugetConfig], null, BuildTimeout);
        Assert.True(install.ExitCode == 0, install.Describe());

        var convert = await RunAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "gateway.exe" : "gateway"), ["convert", "--from", "csv", "--to", "ndjson"], Csv, Timeouts.Start);
        Assert.True(convert.ExitCode == 0, convert.Describe());
        Assert.Equal(Ndjson, convert.Stdout);
        Assert.Equal(string.Empty, convert.Stderr);
    }

    [Fact]
    public async Task Dotnet_run_writes_only_the_converted_data_to_standard_output()
    {
        // The solution is built before the tests run; --no-build reuses that build in the tests' own configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/CONFIG/net10.0
        var run = await RunAsync(
            Dotnet(),
            ["run", "--no-build", "-c", configuration, "--project", Path.Combine(RepositoryRoot(), "src", "Gateway"), "--", "convert", "--from", "csv", "--to", "ndjson"],
            Csv,
            BuildTimeout);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(Ndjson, run.Stdout);
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Gateway.sln above {AppContext.BaseDirectory}.");
    }

    private async Task<Result> RunAsync(string program, string[] arguments, string? stdin, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in startInfo.Environment.Keys.Where(n => n.StartsWith("Gateway_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new Result(process.ExitCode, await stdout, await stderr);
        log.WriteLine($"{Path.GetFileName(program)} {string.Join(' ', arguments)}\n{result.Describe()}");
        return result;
    }

    private sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Describe() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}
