using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.FunctionalTests.Support;

/// <summary>
/// A program started by a test, its output captured line by line. Disposing kills the whole process tree; processes
/// still alive when the test run ends are killed too, so a failing or aborted test never leaves one behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, bool> Running = new();
    private readonly Process process;
    private readonly Task exited;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Running.Keys)
            {
                child.Kill();
            }
        };
    }

    private ChildProcess(Process process)
    {
        this.process = process;
        Name = Path.GetFileName(process.StartInfo.FileName);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        Running[this] = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Id = process.Id;
        exited = WatchExitAsync();
    }

    /// <summary>The operating system's process id.</summary>
    public int Id { get; }

    public string Name { get; }

    public ProcessOutput Output { get; } = new();

    public bool HasExited => Output.ExitCode is not null;

    /// <summary>Starts <paramref name="startInfo"/> with stdout and stderr redirected (no shell, no window).</summary>
    public static ChildProcess Start(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true; // a child reading stdin sees it closed instead of the test runner's
        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process);
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Kills the process and its children at once (no shutdown: like a crash or a power cut).</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting at this very moment.
        }
    }

    /// <summary>Asks the process to stop (SIGTERM; a hard kill where signals do not exist).</summary>
    public async Task TerminateAsync()
    {
        if (HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Kill();
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync().WaitAsync(Timeouts.Operation);
    }

    /// <summary>Waits until the process exited (its output read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await exited.WaitAsync(timeout);
        return Output.ExitCode!.Value;
    }

    /// <summary>The resident memory of the process (VmRSS from /proc), or null where /proc does not exist.</summary>
    public long? ReadResidentBytes()
    {
        var status = $"/proc/{Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes) * 1024;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            try
            {
                await exited.WaitAsync(Timeouts.Stop);
            }
            catch (TimeoutException)
            {
                // Reported by the test that waited; nothing more can be done here.
            }
        }

        Running.TryRemove(this, out _);
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            Output.Add(line);
        }
    }

    private async Task WatchExitAsync()
    {
        // With asynchronous reading started, this also waits until both streams reached their end.
        await process.WaitForExitAsync();
        Output.MarkExited(process.ExitCode);
        Running.TryRemove(this, out _);
    }
}
