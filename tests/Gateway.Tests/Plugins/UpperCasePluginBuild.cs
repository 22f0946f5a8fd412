using System.Diagnostics;
using Gateway.Tests.Support;

namespace Gateway.Tests.Plugins;

/// <summary>
/// Builds samples/plugins/UpperCasePlugin once for the tests that use it, with <c>dotnet build</c> into a temporary
/// artifacts folder, so nothing is written beside the sample's sources.
/// </summary>
public sealed class UpperCasePluginBuild : IDisposable
{
    public UpperCasePluginBuild()
    {
        RepositoryRoot = RepositoryFiles.Root;
        ProjectDirectory = Path.Combine(RepositoryRoot, "samples", "plugins", "UpperCasePlugin");
        ArtifactsDirectory = Directory.CreateTempSubdirectory("gateway-plugin-").FullName;
        OutputDirectory = Path.Combine(ArtifactsDirectory, "bin", "UpperCasePlugin", "debug");
        var before = DateTime.UtcNow;
        BuildOutput = Build();
        WroteBesideSources = new[] { "bin", "obj" }
            .Select(d => new DirectoryInfo(Path.Combine(ProjectDirectory, d)))
            .Where(d => d.Exists)
            .SelectMany(d => d.EnumerateFiles("*", SearchOption.AllDirectories))
            .Any(f => f.LastWriteTimeUtc >= before);
        PluginPath = Path.Combine(OutputDirectory, "UpperCasePlugin.dll");
    }

    public string RepositoryRoot { get; }

    public string ProjectDirectory { get; }

    public string ArtifactsDirectory { get; }

    public string OutputDirectory { get; }

    public string PluginPath { get; }

    public string BuildOutput { get; }

    /// <summary>Whether the build wrote any file under the sample's own bin/ or obj/ folders.</summary>
    public bool WroteBesideSources { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ArtifactsDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A loaded plugin may hold its file on some systems; the temp folder is cleaned by the OS then.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Dotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }

    private string Build()
    {
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ProjectDirectory,
        };
        foreach (var argument in new[] { "build", Path.Combine(ProjectDirectory, "UpperCasePlugin.csproj"), "--artifacts-path", ArtifactsDirectory, "--disable-build-servers", "-nodeReuse:false", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's MSBuild settings must not leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of the sample plugin took more than 5 minutes.");
        }

        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build of the sample plugin failed ({process.ExitCode}):{Environment.NewLine}{output}");
        }

        return output;
    }
}
